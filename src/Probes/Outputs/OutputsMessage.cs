using System.Text;

namespace Verification.Probes.Outputs;

/// <summary>
/// Builds the one message an <see cref="OutputsException"/> carries: the file, the format detected, what is wrong
/// with what was expected, the keys found and the keys wanted. Nothing else, so a reader never needs a stack trace.
/// </summary>
internal static class OutputsMessage
{
    /// <summary>The message for files that cannot be used.</summary>
    public static string Build(IReadOnlyList<string> files, string format, IReadOnlyList<string> problems, IReadOnlyList<string> keysFound)
    {
        var text = new StringBuilder();
        text.Append(files.Count == 1 ? "Stack outputs file " : "Stack outputs files ")
            .AppendJoin(", ", files.Select(f => $"'{f}'"))
            .AppendLine(" cannot be used.");
        text.Append("Format detected: ").AppendLine(format);
        foreach (var problem in problems)
        {
            text.Append("  - ").AppendLine(problem);
        }

        text.Append("Keys found: ").AppendLine(keysFound.Count == 0 ? "none" : string.Join(", ", keysFound));
        text.Append("Keys expected: ")
            .AppendJoin(", ", KnownOutput.All.Where(o => o.Required).Select(o => o.Name))
            .Append(" (required); ")
            .AppendJoin(", ", KnownOutput.All.Where(o => !o.Required).Select(o => o.Name))
            .Append(" (optional); in any case style (db_endpoint, DbEndpoint, dbEndpoint, DB_ENDPOINT), ")
            .Append("with or without a construct-path prefix or an 8-hex-digit hash suffix.");
        return text.ToString();
    }

    /// <summary>The exception for one file that cannot be used.</summary>
    public static OutputsException Fail(string file, OutputsFormat format, string problem, IReadOnlyList<string>? keysFound = null) =>
        new(Build([file], format.Description, [problem], keysFound ?? []));
}
