using System.Text.RegularExpressions;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Recognises connection settings that turn TLS off or let it be skipped: redis:// instead of rediss://, libpq and
/// Npgsql sslmode values that accept plaintext (disable, allow, prefer), ssl=false, and http:// to a stack endpoint.
/// Returns the problem, never the value (which may hold a password).
/// </summary>
internal static partial class PlaintextConnection
{
    [GeneratedRegex(@"(^|[^a-z])redis://", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RedisPlain();

    [GeneratedRegex(@"ssl[\s_-]*mode\s*=\s*(disable|allow|prefer)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeakSslMode();

    [GeneratedRegex(@"\b(ssl|tls|use_?ssl|use_?tls)\s*=\s*(false|0|no|off)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SslOff();

    [GeneratedRegex(@"http://([^/:\s?#]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HttpHost();

    /// <summary>What makes the value a plaintext connection, or null.</summary>
    public static string? Why(string? value, StackSnapshot snapshot)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (RedisPlain().IsMatch(value))
        {
            return "redis:// instead of rediss://";
        }

        if (WeakSslMode().Match(value) is { Success: true } mode)
        {
            return $"sslmode={mode.Groups[1].Value.ToLowerInvariant()} accepts an unencrypted connection";
        }

        if (SslOff().Match(value) is { Success: true } off)
        {
            return $"{off.Groups[1].Value.ToLowerInvariant()}={off.Groups[2].Value.ToLowerInvariant()} turns TLS off";
        }

        var stackHosts = new[] { snapshot.Outputs.AlbDnsName, snapshot.Outputs.DbEndpoint.Host, snapshot.Outputs.RedisEndpoint.Host };
        foreach (Match match in HttpHost().Matches(value))
        {
            var host = match.Groups[1].Value;
            if (stackHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase)))
            {
                return $"http:// to the stack endpoint {host}";
            }
        }

        return null;
    }
}
