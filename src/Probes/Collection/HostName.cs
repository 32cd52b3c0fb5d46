namespace Verification.Probes.Collection;

/// <summary>The one comparison of DNS names the suite uses: case-insensitive, a trailing root dot ignored (RFC 4343, RFC 1034 §3.1).</summary>
public static class HostName
{
    /// <summary>True when both names are present and name the same host.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
