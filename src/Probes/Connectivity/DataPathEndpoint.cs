namespace Verification.Probes.Connectivity;

/// <summary>
/// A data-path endpoint: the name and port from the stack outputs (the certificate must carry the name), and optionally
/// the address the socket opens instead (the sandbox, a tunnel) while the certificate is still checked against <see cref="Name"/>.
/// </summary>
public sealed record DataPathEndpoint(string Name, int Port, ConnectAddress? ConnectAddress = null)
{
    /// <summary>The host the socket connects to.</summary>
    public string ConnectHost => ConnectAddress?.Host ?? Name;

    /// <summary>The port the socket connects to.</summary>
    public int ConnectPort => ConnectAddress?.Port ?? Port;

    /// <summary>"host:port" the socket connects to.</summary>
    public string ConnectsTo => $"{(ConnectHost.Contains(':', StringComparison.Ordinal) ? $"[{ConnectHost}]" : ConnectHost)}:{ConnectPort}";

    /// <summary>The same endpoint reached on another connect port (a defective sandbox server beside the good one).</summary>
    public DataPathEndpoint ConnectingToPort(int port) => this with { ConnectAddress = new ConnectAddress(ConnectHost, port) };

    /// <summary>"name:port", plus where the socket goes when that differs.</summary>
    public override string ToString() =>
        ConnectAddress is null ? $"{Name}:{Port}" : $"{Name}:{Port} (connecting to {ConnectsTo})";
}
