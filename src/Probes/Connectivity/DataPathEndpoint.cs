using System.Globalization;

namespace Verification.Probes.Connectivity;

/// <summary>
/// A data-path endpoint: the name the certificate must carry, the port, and optionally the address the socket opens to
/// (the sandbox, or a tunnel) while the certificate is still checked against <see cref="Name"/>.
/// </summary>
public sealed record DataPathEndpoint(string Name, int Port, string? ConnectAddress = null)
{
    /// <summary>The host the socket connects to.</summary>
    public string ConnectHost => ConnectAddress ?? Name;

    /// <summary>Reads "host:port" as stack outputs write it, with a default port when none is given.</summary>
    public static DataPathEndpoint Parse(string hostAndPort, int defaultPort, string? connectAddress = null)
    {
        var colon = hostAndPort.LastIndexOf(':');
        return colon > 0 && int.TryParse(hostAndPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new DataPathEndpoint(hostAndPort[..colon], port, connectAddress)
            : new DataPathEndpoint(hostAndPort, defaultPort, connectAddress);
    }

    /// <summary>With a different port (a defective sandbox server beside the good one).</summary>
    public DataPathEndpoint OnPort(int port) => this with { Port = port };

    /// <summary>"name:port", plus the connect address when it differs.</summary>
    public override string ToString() =>
        ConnectAddress is null ? $"{Name}:{Port}" : $"{Name}:{Port} (connecting to {ConnectAddress}:{Port})";
}
