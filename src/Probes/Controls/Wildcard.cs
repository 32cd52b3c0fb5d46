using System.Text.RegularExpressions;

namespace Verification.Probes.Controls;

/// <summary>The one wildcard match of the suite (IAM's): * any run of characters, ? one character; used by key policies and waivers.</summary>
public static class Wildcard
{
    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/> in full.</summary>
    public static bool Matches(string pattern, string value, bool ignoreCase = false) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    /// <summary>The account of an ARN (arn:partition:service:region:account:resource), or "" when it names none.</summary>
    public static string AccountOf(string? arn) => arn?.Split(':') is { Length: > 5 } parts ? parts[4] : "";
}
