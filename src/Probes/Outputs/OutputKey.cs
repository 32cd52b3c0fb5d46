using System.Text.RegularExpressions;

namespace Verification.Probes.Outputs;

/// <summary>How a key in a file relates to an output the suite wants.</summary>
internal enum KeyMatch
{
    None,
    Suffix,
    Exact,
}

/// <summary>
/// Matches keys whatever their case style and construct path: db_endpoint, DbEndpoint, dbEndpoint, DB_ENDPOINT,
/// networking_db_endpoint_1A2B3C4D and NetworkingDbEndpoint1A2B3C4D all match db_endpoint.
/// </summary>
internal static partial class OutputKey
{
    /// <summary>Lowercase ASCII letters and digits only: "DB_ENDPOINT" and "dbEndpoint" both become "dbendpoint".</summary>
    public static string Normalise(string key) =>
        string.Concat(key.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();

    /// <summary>Whether <paramref name="key"/> names the output whose normalised name is <paramref name="wanted"/>.</summary>
    public static KeyMatch Match(string key, string wanted)
    {
        var stem = WithoutHashSuffix(key);
        var positions = Enumerable.Range(0, stem.Length).Where(i => char.IsAsciiLetterOrDigit(stem[i])).ToArray();
        var normalised = Normalise(stem);
        if (normalised == wanted)
        {
            return KeyMatch.Exact;
        }

        if (normalised.Length <= wanted.Length || !normalised.EndsWith(wanted, StringComparison.Ordinal))
        {
            return KeyMatch.None;
        }

        // The wanted name must start a word, so "myvpcid" is not taken for vpc_id while "my_vpc_id" and "myVpcId" are.
        var start = positions[normalised.Length - wanted.Length];
        return StartsWord(stem, start) ? KeyMatch.Suffix : KeyMatch.None;
    }

    private static bool StartsWord(string text, int index)
    {
        var previous = text[index - 1];
        var current = text[index];
        if (!char.IsAsciiLetterOrDigit(previous))
        {
            return true;
        }

        if (!char.IsAsciiLetterUpper(current))
        {
            return false;
        }

        // camelCase ("networkingVpcId") or the last capital of an acronym ("RDSDbEndpoint").
        return !char.IsAsciiLetterUpper(previous) || (index + 1 < text.Length && char.IsAsciiLetterLower(text[index + 1]));
    }

    // CDKTF appends an 8-hex-digit hash to construct-path output ids (vpc_id_1A2B3C4D); CDK glues it on (VpcId1A2B3C4D).
    private static string WithoutHashSuffix(string key)
    {
        var match = SeparatedHash().Match(key);
        if (!match.Success)
        {
            match = GluedHash().Match(key);
        }

        return match.Success && key[..match.Index].Any(char.IsAsciiLetterOrDigit) ? key[..match.Index] : key;
    }

    [GeneratedRegex("[_.-][0-9A-Fa-f]{8}$")]
    private static partial Regex SeparatedHash();

    // Upper-case hex with at least one digit, after a lower-case letter, so a plain word such as "Endpoint" is never cut.
    [GeneratedRegex("(?<=[a-z])(?=[0-9A-F]*[0-9])[0-9A-F]{8}$")]
    private static partial Regex GluedHash();
}
