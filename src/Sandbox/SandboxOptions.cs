using Verification.Sandbox.Faults;

namespace Verification.Sandbox;

/// <summary>How a <see cref="SandboxServer"/> listens and misbehaves.</summary>
public sealed record SandboxOptions
{
    /// <summary>The address to bind; loopback so the fake endpoint is never reachable from elsewhere.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Seeded faults to inject before requests reach the simulated service; null answers every call.</summary>
    public FaultPlan? Faults { get; init; }

    /// <summary>Receives one line per request ("rds:DescribeDBInstances 200"), for the console host.</summary>
    public Action<string>? Log { get; init; }
}
