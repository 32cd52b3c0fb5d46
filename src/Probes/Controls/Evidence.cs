using System.Globalization;

namespace Verification.Probes.Controls;

/// <summary>Builds a finding's observed values; formats every value invariantly so verdicts re-read offline compare equal.</summary>
public static class Evidence
{
    public static IReadOnlyDictionary<string, string?> Of(params (string Name, object? Value)[] values)
    {
        var evidence = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            evidence[name] = Format(value);
        }

        return evidence;
    }

    public static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
