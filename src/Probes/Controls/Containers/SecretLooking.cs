using System.Text.RegularExpressions;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Recognises environment variables that carry credentials: a name that says so (DB_PASSWORD, API_KEY), or a value
/// shaped like one under any name (a password in a connection string, a JWT, a PEM key block, an AWS access key id or
/// secret access key, a vendor token, a long random string). It judges the raw value, once, in the collector; only the
/// reason and the value's connection shape (<see cref="Shape"/>) are kept, never the value.
/// </summary>
public static partial class SecretLooking
{
    // PASS alone catches DB_PASS and PGPASS; references to a secret (…_ARN, …_NAME, …_ID) are how it should be done.
    [GeneratedRegex(@"(PASSWORD|PASSWD|PASS$|PASS_|_PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"_(ARN|NAME|ID|PATH|FILE|REGION|TTL|LENGTH)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceName();

    // userinfo with a password (scheme://user:pass@host); the password may hold / (base64), so only whitespace and @ end it.
    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://[^/\s:@]*:[^\s@]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(^|[\s;&?,])(password|passwd|pwd|secret|token|api_?key|access_?key)\s*=\s*[^;&\s]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePassword();

    // Any key block but a public one (BEGIN RSA/EC/OPENSSH/ENCRYPTED … KEY, PGP … KEY BLOCK).
    [GeneratedRegex(@"-----BEGIN (?![A-Z ]*PUBLIC )[A-Z0-9 ]*KEY(?: BLOCK)?-----")]
    private static partial Regex PemKey();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"(\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bsk_live_[A-Za-z0-9]{16,}|\bglpat-[A-Za-z0-9_-]{20,})")]
    private static partial Regex VendorToken();

    // Runs of base64/base64url characters: an AWS secret access key is 40 of them; random passwords and tokens mix cases and digits.
    [GeneratedRegex(@"[A-Za-z0-9+/=_-]{20,}")]
    private static partial Regex TokenRun();

    [GeneratedRegex(@"([a-z][a-z0-9+.-]*)://(?:[^\s@]*@)?([^/\s:?#;,@]+)(:\d+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlHost();

    [GeneratedRegex(@"\b(ssl[\s_-]*mode|use_?ssl|use_?tls|ssl|tls)\s*=\s*([A-Za-z0-9-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TlsSetting();

    /// <summary>Why the variable looks like it carries a credential, judged on its raw value, or null.</summary>
    public static string? Why(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (SecretName().IsMatch(name) && !IsReference(name, value))
        {
            return "its name says it holds a credential";
        }

        return UrlPassword().IsMatch(value) || KeyValuePassword().IsMatch(value) ? "its value holds a password in a connection string"
            : PemKey().IsMatch(value) ? "its value holds a PEM key block"
            : Jwt().IsMatch(value) ? "its value holds a JSON Web Token"
            : AccessKeyId().IsMatch(value) ? "its value holds an AWS access key id"
            : VendorToken().IsMatch(value) ? "its value holds an access token"
            : !value.StartsWith("arn:", StringComparison.Ordinal) && TokenRun().Matches(value).Any(m => LooksRandom(m.Value)) ? "its value is shaped like a secret key or token"
            : null;
    }

    /// <summary>
    /// What of a value the connection controls read, and nothing else: each URL's scheme, host and port (never its
    /// user, password, path or query) and each ssl/tls setting; null when the value holds none.
    /// </summary>
    public static string? Shape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parts = UrlHost().Matches(value).Select(m => $"{m.Groups[1].Value}://{m.Groups[2].Value}{m.Groups[3].Value}")
            .Concat(TlsSetting().Matches(value).Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}"))
            .ToList();
        return parts.Count > 0 ? string.Join(" ", parts) : null;
    }

    private static bool IsReference(string name, string value) => ReferenceName().IsMatch(name) || value.StartsWith("arn:", StringComparison.Ordinal);

    // An AWS secret access key (40 characters) or any long run mixing upper case, lower case and digits; words, UUIDs,
    // hex digests and paths of lower-case names do not mix all three.
    private static bool LooksRandom(string run) =>
        run.Any(char.IsAsciiLetterUpper) && run.Any(char.IsAsciiLetterLower) && run.Any(char.IsAsciiDigit)
        && (run.Length >= 24 || (run.Length == 40 && (run.Contains('/', StringComparison.Ordinal) || run.Contains('+', StringComparison.Ordinal))));
}
