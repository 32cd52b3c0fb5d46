namespace Verification.Probes.Connectivity;

/// <summary>Whether the data-path condition a probe checks holds.</summary>
public enum ProbeOutcome
{
    Pass,
    Fail,
}

/// <summary>Why a probe failed, so a report (and a self-test) can tell a certificate problem from a closed port.</summary>
public enum ProbeFailure
{
    None,

    /// <summary>No TCP session could be opened (refused, timed out, name not resolved).</summary>
    Unreachable,

    /// <summary>The certificate does not chain to the trusted CA, or has expired.</summary>
    CertificateChain,

    /// <summary>The certificate is not issued for the endpoint's name.</summary>
    CertificateName,

    /// <summary>The certificate is valid but expires within the configured margin.</summary>
    CertificateNearExpiry,

    /// <summary>The TLS handshake failed for a reason other than the certificate (protocol version, cipher).</summary>
    TlsHandshake,

    /// <summary>The server did not offer TLS at all.</summary>
    TlsNotOffered,

    /// <summary>The server refused the credentials.</summary>
    Authentication,

    /// <summary>The server refused the session before authentication (no pg_hba.conf entry).</summary>
    Authorization,

    /// <summary>The server served a session without encryption.</summary>
    PlaintextAccepted,

    /// <summary>An address outside the private ranges was found.</summary>
    PublicAddress,

    /// <summary>Plain HTTP was served instead of redirected to HTTPS.</summary>
    NoHttpsRedirect,

    /// <summary>The server answered in a way the probe did not expect.</summary>
    UnexpectedAnswer,

    /// <summary>The probe saw something it cannot classify (an unexpected exception, a partial answer): could not evaluate, never a pass.</summary>
    Inconclusive,

    /// <summary>The database secret does not hold what the application needs to reach db_endpoint (host, port).</summary>
    SecretMismatch,
}

/// <summary>What one probe observed: outcome, one sentence, and evidence that never carries a secret.</summary>
/// <param name="Endpoint">"name:port" as the stack outputs give it; certificates are checked against the name.</param>
/// <param name="ConnectAddress">"host:port" the socket actually opened (the endpoint itself unless overridden).</param>
public sealed record ProbeResult(
    string Probe,
    string Endpoint,
    string ConnectAddress,
    ProbeOutcome Outcome,
    ProbeFailure Failure,
    string Message,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset ObservedAt,
    TimeSpan Elapsed)
{
    /// <summary>True when the condition holds.</summary>
    public bool Passed => Outcome == ProbeOutcome.Pass;

    /// <summary>A line fit for a test failure message or a log.</summary>
    public override string ToString() =>
        $"{Outcome} ({Failure}) {Probe} {Endpoint} via {ConnectAddress}: {Message} [{string.Join(", ", Evidence.Select(e => $"{e.Key}={e.Value}"))}]";
}
