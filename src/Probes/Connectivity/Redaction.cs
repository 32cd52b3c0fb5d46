namespace Verification.Probes.Connectivity;

/// <summary>Removes secret values from text that leaves a probe (driver messages may echo what they were given).</summary>
internal static class Redaction
{
    public static string Scrub(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            if (secret.Length > 0)
                text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
