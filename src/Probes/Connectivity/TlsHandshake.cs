using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Verification.Probes.Connectivity;

/// <summary>What a completed TLS handshake negotiated.</summary>
internal sealed record TlsSessionInfo(SslProtocols Protocol, TlsCipherSuite Cipher)
{
    /// <summary>At least TLS 1.2 (HIPAA transmission security leans on NIST SP 800-52r2, which requires 1.2 or newer).</summary>
    public bool IsModern => Protocol is SslProtocols.Tls12 or SslProtocols.Tls13;

    public string ProtocolName => TlsNames.Of(Protocol);

    public void AddTo(IDictionary<string, string> evidence)
    {
        evidence["tls_version"] = ProtocolName;
        evidence["tls_cipher"] = Cipher.ToString();
    }
}

/// <summary>A bare TLS handshake, for servers whose client library does not expose its stream (Redis) and for the ALB.</summary>
internal static class TlsHandshake
{
    public static async Task<TlsSessionInfo> RunAsync(
        DataPathEndpoint endpoint, string serverName, ServerCertificateValidator validator, SslProtocols protocols, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.ConnectHost, endpoint.ConnectPort, cancellationToken);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                EnabledSslProtocols = protocols,
                CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = validator.Validate,
            },
            cancellationToken);
        return new TlsSessionInfo(tls.SslProtocol, tls.NegotiatedCipherSuite);
    }
}

/// <summary>Protocol names as servers print them (pg_stat_ssl says "TLSv1.3").</summary>
internal static class TlsNames
{
    public static string Of(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        _ => protocol.ToString(),
    };
}
