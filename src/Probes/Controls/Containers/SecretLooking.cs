using System.Text.RegularExpressions;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Recognises environment variables that carry credentials: a name that says so (DB_PASSWORD, API_KEY), or a value
/// shaped like one (an AWS access key id, a PEM private key, a URL or connection string with a password). The value
/// is only matched, never kept or printed.
/// </summary>
public static partial class SecretLooking
{
    // PASS alone catches DB_PASS and PGPASS; references to a secret (…_ARN, …_NAME, …_ID) are how it should be done.
    [GeneratedRegex(@"(PASSWORD|PASSWD|PASS$|PASS_|_PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"_(ARN|NAME|ID|PATH|FILE|REGION|TTL|LENGTH)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceName();

    [GeneratedRegex(@"(\b(AKIA|ASIA)[0-9A-Z]{16}\b|-----BEGIN [A-Z ]*PRIVATE KEY-----|[a-z][a-z0-9+.-]*://[^/\s:@]*:[^/\s@]+@|\b(password|pwd)\s*=\s*[^;\s]+|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abp]-[A-Za-z0-9-]{10,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialValue();

    [GeneratedRegex(@"(://[^/\s:@]*:)[^/\s@]+@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"\b(password|pwd)(\s*=\s*)[^;\s]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePassword();

    [GeneratedRegex(@"(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PemBody();

    [GeneratedRegex(@"\b(AKIA|ASIA|gh[pousr]_|xox[abp]-)[A-Za-z0-9-]{10,}")]
    private static partial Regex Token();

    /// <summary>
    /// The value with every credential in it masked, shaped so that <see cref="Why"/> still recognises it: the snapshot
    /// keeps connection settings (for the TLS control) but never a password, key or token.
    /// </summary>
    public static string? Mask(string name, string? value)
    {
        if (string.IsNullOrEmpty(value) || (SecretName().IsMatch(name) && !IsReference(name, value)))
        {
            return string.IsNullOrEmpty(value) ? value : "****";
        }

        var masked = UrlPassword().Replace(value, "$1****@");
        masked = KeyValuePassword().Replace(masked, "$1$2****");
        masked = PemBody().Replace(masked, "$1 **** $2");
        return Token().Replace(masked, m => m.Groups[1].Value + new string('X', 16));
    }

    private static bool IsReference(string name, string? value) => ReferenceName().IsMatch(name) || value?.StartsWith("arn:", StringComparison.Ordinal) == true;

    /// <summary>Why the variable looks like it carries a credential ("its name", "its value"), or null.</summary>
    public static string? Why(string name, string? value)
    {
        if (SecretName().IsMatch(name) && !IsReference(name, value) && !string.IsNullOrEmpty(value))
        {
            return "its name says it holds a credential";
        }

        return value is not null && CredentialValue().IsMatch(value) ? "its value is shaped like a credential" : null;
    }
}
