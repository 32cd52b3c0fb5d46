namespace Verification.Probes.Connectivity;

/// <summary>Settings shared by every data-path probe.</summary>
public sealed record ProbeSettings
{
    /// <summary>The default bound on every probe: long enough for a TLS handshake across AZs, short enough for a CI gate.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound for a whole probe, connect included.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>PEM file of CA certificates the servers must chain to (the RDS bundle); null means the system store.</summary>
    public string? CaBundlePath { get; init; }

    /// <summary>
    /// Accept any certificate. Only ever set explicitly; every result then says identity was not verified.
    /// Certificate failures are otherwise never retried or downgraded.
    /// </summary>
    public bool SkipIdentityVerification { get; init; }

    /// <summary>Loopback addresses count as private (the sandbox runs every server on 127.0.0.1).</summary>
    public bool LoopbackIsPrivate { get; init; }

    /// <summary>Names answered before DNS (sandbox only: the stand-in for the VPC's private resolver); empty on a real run.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<System.Net.IPAddress>> Hosts { get; init; } = new Dictionary<string, IReadOnlyList<System.Net.IPAddress>>();

    /// <summary>How close to expiry a certificate may be and still pass.</summary>
    public TimeSpan CertificateExpiryMargin { get; init; } = TimeSpan.FromDays(14);
}
