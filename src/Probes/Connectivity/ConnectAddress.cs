using System.Globalization;
using System.Net;
using Verification.Probes.Runs;

namespace Verification.Probes.Connectivity;

/// <summary>Where a probe's socket goes instead of the endpoint (the sandbox, a tunnel); the port is optional and defaults to the endpoint's.</summary>
public sealed record ConnectAddress(string Host, int? Port = null)
{
    /// <summary>Reads "host", "host:port", "[v6]" or "[v6]:port"; <paramref name="setting"/> names the setting in errors.</summary>
    public static ConnectAddress Parse(string text, string setting)
    {
        var value = text.Trim();
        // More than one colon without brackets is a bare IPv6 address, which cannot carry a port.
        if (!value.StartsWith('[') && value.Count(c => c == ':') > 1 && IPAddress.TryParse(value, out var bare))
            return new ConnectAddress(bare.ToString());

        var (host, port) = Split(value);
        if (host.Length == 0 || host.Contains(' ', StringComparison.Ordinal))
            throw new SettingsException($"Setting {setting}: expected host or host:port (e.g. 127.0.0.1:15432), found '{text}'.");
        if (port is null)
            return new ConnectAddress(host);

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? new ConnectAddress(host, number)
            : throw new SettingsException($"Setting {setting}: expected a port from 1 to 65535 after the host, found '{text}'.");
    }

    static (string Host, string? Port) Split(string value)
    {
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                return ("", null);
            var rest = value[(close + 1)..];
            return (value[1..close], rest.StartsWith(':') ? rest[1..] : rest.Length == 0 ? null : rest);
        }

        var colon = value.LastIndexOf(':');
        return colon < 0 ? (value, null) : (value[..colon], value[(colon + 1)..]);
    }

    /// <summary>"host" or "host:port".</summary>
    public override string ToString() => Port is null ? Host : $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}";
}
