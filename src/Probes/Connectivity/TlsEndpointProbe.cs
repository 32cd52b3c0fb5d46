using System.Security.Authentication;

namespace Verification.Probes.Connectivity;

/// <summary>
/// Handshakes with an HTTPS listener (the ALB) offering only TLS 1.2 and 1.3, and checks the certificate chain, its
/// expiry margin and, when an application host name is known, its name. The ALB's own DNS name is never on its
/// certificate, so without that host name the evidence says the name was not checked.
/// </summary>
public sealed class TlsEndpointProbe(ProbeSettings settings, TimeProvider time)
{
    const string Service = "ALB HTTPS listener";

    /// <summary>Handshakes with the listener; <paramref name="appHostname"/> is the SNI and the name to check.</summary>
    public async Task<ProbeResult> ProbeAsync(DataPathEndpoint endpoint, string? appHostname, CancellationToken cancellationToken)
    {
        var run = new ProbeRun(nameof(TlsEndpointProbe), endpoint, time);
        var validator = ServerCertificateValidator.For(appHostname, settings, time);
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);

        TlsSessionInfo tls;
        try
        {
            // Offering only 1.2 and 1.3 makes a listener that cannot speak them fail the handshake, which is the finding.
            tls = await TlsHandshake.RunAsync(endpoint, appHostname ?? endpoint.Name, validator, SslProtocols.Tls12 | SslProtocols.Tls13, linked.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (ConnectFailure.IsHandshakeFailure(e) || validator.Verdict is { Failure: not ProbeFailure.None })
            {
                var failed = HandshakeFailure.Describe(run, Service, endpoint, validator, e);
                return failed.Failure == ProbeFailure.TlsHandshake
                    ? failed with { Message = $"{Service} at {endpoint} completed no handshake offering only TLS 1.2 and 1.3: {ConnectFailure.Innermost(e)}." }
                    : failed;
            }

            var reason = ConnectFailure.NetworkReason(e, timeout.IsCancellationRequested, settings.Timeout) ?? ConnectFailure.Innermost(e);
            return run.Fail(ProbeFailure.Unreachable, ConnectFailure.Unreachable(Service, endpoint, "TCP connect, then a TLS 1.2/1.3 handshake", reason));
        }

        tls.AddTo(run.Evidence);
        var verdict = validator.Verdict!;
        verdict.AddTo(run.Evidence);
        var left = verdict.NotAfter - time.GetUtcNow();
        run.Evidence["certificate_days_left"] = ((int)left.TotalDays).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (left < settings.CertificateExpiryMargin)
        {
            return run.Fail(ProbeFailure.CertificateNearExpiry,
                $"{Service} at {endpoint} presents a certificate that expires {verdict.NotAfter:yyyy-MM-dd}, within {settings.CertificateExpiryMargin.TotalDays:0} days.");
        }

        var name = appHostname is null ? "whose name was not checked (no app_hostname given)" : $"valid for {appHostname}";
        return run.Pass($"{Service} at {endpoint} negotiated {tls.ProtocolName} ({tls.Cipher}) with a certificate {name}, expiring {verdict.NotAfter:yyyy-MM-dd}.");
    }
}
