using System.Security.Cryptography;
using System.Text;

namespace Verification.Probes.Outputs;

/// <summary>
/// Reads the outputs a deployment tool wrote (Pulumi, Terraform, CDKTF, CloudFormation or a flat-outputs.json),
/// detecting the format, and returns them validated; any file it cannot use raises one <see cref="OutputsException"/>.
/// </summary>
public static class StackOutputsReader
{
    // Strict so that a file in another encoding is reported rather than read as mojibake.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads one outputs file; <paramref name="stackName"/> picks a stack when the file holds several (CDKTF, CloudFormation).</summary>
    public static StackOutputs Read(string path, string? stackName = null) => ReadMany([path], stackName);

    /// <summary>Reads outputs already loaded as text; <paramref name="path"/> names the file in messages and evidence.</summary>
    public static StackOutputs Parse(string path, string text, string? stackName = null)
    {
        var document = OutputsDocument.Parse(path, text, Hash(Utf8.GetBytes(text)), stackName);
        return OutputsResolver.Resolve([document]);
    }

    /// <summary>
    /// Reads outputs split across several files (one per stack or per tool) as one set; an output found in two
    /// files with different values is ambiguous and reported, never picked.
    /// </summary>
    public static StackOutputs ReadMany(IEnumerable<string> paths, string? stackName = null)
    {
        var list = paths.ToList();
        if (list.Count == 0)
        {
            throw new OutputsException(OutputsMessage.Build(["(none)"], OutputsFormat.NotDetected.Description, ["no outputs file was given; expected the path of at least one."], []));
        }

        var documents = list.Select(path => Load(path, stackName)).ToList();
        return OutputsResolver.Resolve(documents);
    }

    private static OutputsDocument Load(string path, string? stackName)
    {
        var bytes = ReadBytes(path);
        string text;
        try
        {
            text = Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, "the file is not UTF-8 text; expected JSON as the deployment tool writes it.");
        }

        // Windows editors and PowerShell's Out-File add a byte order mark, which JSON parsers refuse.
        return OutputsDocument.Parse(path, text.TrimStart('\uFEFF'), Hash(bytes), stackName);
    }

    private static byte[] ReadBytes(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, "no path was given; expected the path of the outputs file.");
        }

        if (Directory.Exists(path))
        {
            throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, "this is a directory; expected the outputs JSON file itself (e.g. cfn-outputs/flat-outputs.json).");
        }

        if (!File.Exists(path))
        {
            throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, $"the file does not exist (looked for {Path.GetFullPath(path)}); expected the JSON written by the deployment tool.");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputsMessage.Fail(path, OutputsFormat.NotDetected, $"the file cannot be read ({e.Message}).");
        }
    }

    internal static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
