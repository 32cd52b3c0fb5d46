namespace Verification.Probes.Connectivity;

/// <summary>The result for a failed TLS handshake: the certificate's verdict when it was the cause, else the TLS error.</summary>
internal static class HandshakeFailure
{
    public static ProbeResult Describe(ProbeRun run, string service, DataPathEndpoint endpoint, ServerCertificateValidator validator, Exception error)
    {
        var verdict = validator.Verdict;
        if (verdict is { Failure: not ProbeFailure.None })
        {
            verdict.AddTo(run.Evidence);
            return run.Fail(verdict.Failure, $"{service} at {endpoint} failed the TLS handshake: {verdict.Problem}; the certificate is not retried or downgraded.");
        }

        return run.Fail(ProbeFailure.TlsHandshake, $"{service} at {endpoint} failed the TLS handshake: {ConnectFailure.Innermost(error)}.");
    }
}
