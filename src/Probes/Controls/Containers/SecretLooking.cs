using System.Text.RegularExpressions;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Recognises environment variables that carry credentials: a name that says so (DB_PASSWORD, API_KEY), or a value
/// shaped like one (an AWS access key id, a PEM private key, a URL or connection string with a password). The value
/// is only matched, never kept or printed.
/// </summary>
internal static partial class SecretLooking
{
    // PASS alone catches DB_PASS and PGPASS; references to a secret (…_ARN, …_NAME, …_ID) are how it should be done.
    [GeneratedRegex(@"(PASSWORD|PASSWD|PASS$|PASS_|_PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"_(ARN|NAME|ID|PATH|FILE|REGION|TTL|LENGTH)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceName();

    [GeneratedRegex(@"(\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|[a-z][a-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@|\b(password|pwd)\s*=\s*[^;\s]+|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abp]-[A-Za-z0-9-]{10,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialValue();

    /// <summary>Why the variable looks like it carries a credential ("its name", "its value"), or null.</summary>
    public static string? Why(string name, string? value)
    {
        var reference = ReferenceName().IsMatch(name) || value?.StartsWith("arn:", StringComparison.Ordinal) == true;
        if (SecretName().IsMatch(name) && !reference && !string.IsNullOrEmpty(value))
        {
            return "its name says it holds a credential";
        }

        return value is not null && CredentialValue().IsMatch(value) ? "its value is shaped like a credential" : null;
    }
}
