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

    /// <summary>Actions ("elasticache:DescribeReplicationGroups") the caller lacks: answered with the protocol's access-denied error.</summary>
    public IReadOnlySet<string> DeniedActions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Added to every request before it is answered, to stand in for the network and AWS's own latency.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>How long a <see cref="FaultKind.Stall"/> holds the answer (unless the client hangs up first).</summary>
    public TimeSpan StallFor { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Answers every signed request as if its session token had expired.</summary>
    public bool CredentialsExpired { get; init; }

    /// <summary>Receives one line per request ("rds:DescribeDBInstances 200"), for the console host.</summary>
    public Action<string>? Log { get; init; }
}
