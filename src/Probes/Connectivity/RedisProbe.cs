using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace Verification.Probes.Connectivity;

/// <summary>
/// Opens a verified TLS session to Redis, AUTHs with the token, PINGs, and reports TLS version (from its own handshake,
/// since StackExchange.Redis does not expose its stream) and server version (INFO server, read during the client's handshake). Writes a short-lived canary
/// key only when asked.
/// </summary>
public sealed class RedisProbe(ProbeSettings settings, TimeProvider time)
{
    const string Service = "Redis";

    /// <summary>Connects with the AUTH token and reports the session.</summary>
    public async Task<ProbeResult> ProbeAsync(DataPathEndpoint endpoint, string? authToken, bool writeCanary, CancellationToken cancellationToken)
    {
        string[] secrets = authToken is null ? [] : [authToken];
        var run = new ProbeRun(nameof(RedisProbe), endpoint, time, secrets);
        var validator = ServerCertificateValidator.For(endpoint.Name, settings, time);
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);

        TlsSessionInfo tls;
        try
        {
            // The handshake comes first and alone: a bad certificate ends the probe here, before any AUTH is sent.
            tls = await TlsHandshake.RunAsync(endpoint, endpoint.Name, validator, SslProtocols.None, linked.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (ConnectFailure.IsHandshakeFailure(e) || validator.Verdict is { Failure: not ProbeFailure.None })
                return HandshakeFailure.Describe(run, Service, endpoint, validator, e);
            var reason = ConnectFailure.NetworkReason(e, timeout.IsCancellationRequested, settings.Timeout) ?? ConnectFailure.Innermost(e);
            return run.Fail(ProbeFailure.Unreachable, ConnectFailure.Unreachable(Service, endpoint, "TCP connect, then a TLS handshake", reason));
        }

        tls.AddTo(run.Evidence);
        validator.Verdict?.AddTo(run.Evidence);
        if (!tls.IsModern)
            return run.Fail(ProbeFailure.TlsHandshake, $"{Service} at {endpoint} negotiated {tls.ProtocolName}, older than TLS 1.2.");

        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(Options(endpoint, authToken, validator)).WaitAsync(linked.Token);
            var db = redis.GetDatabase();
            var latency = await db.PingAsync().WaitAsync(linked.Token);
            run.Evidence["ping_ms"] = latency.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

            // StackExchange.Redis reads INFO server during its handshake; asking again would need the client's admin mode,
            // which also unlocks FLUSHALL and friends.
            run.Evidence["server_version"] = redis.GetServer(redis.GetEndPoints()[0]).Version.ToString();

            if (writeCanary)
            {
                var readBack = await WriteCanaryAsync(db, linked.Token);
                run.Evidence["write_canary"] = readBack ? "set, read back and deleted" : "set, but read back a different value";
                if (!readBack)
                    return run.Fail(ProbeFailure.UnexpectedAnswer, $"{Service} at {endpoint} returned a different value for the canary key it had just stored.");
            }

            return run.Pass(
                $"{Service} at {endpoint} accepted an authenticated TLS session ({tls.ProtocolName}, {tls.Cipher}) with the certificate " +
                $"{(validator.Verdict?.IdentityVerified == true ? "verified" : "NOT verified")} for {endpoint.Name}.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var message = Redaction.Scrub(ConnectFailure.Innermost(e), secrets);
            if (IsAuthenticationFailure(e))
                return run.Fail(ProbeFailure.Authentication, $"{Service} at {endpoint} refused the AUTH token: {message}; check the token in the secret.");
            if (timeout.IsCancellationRequested)
                return run.Fail(ProbeFailure.Unreachable, ConnectFailure.Unreachable(Service, endpoint, "TLS session, AUTH, PING", $"no answer within {ConnectFailure.Seconds(settings.Timeout)} s"));
            return run.Fail(ProbeFailure.UnexpectedAnswer, $"{Service} at {endpoint} completed the TLS handshake but the session failed: {message}.");
        }
    }

    ConfigurationOptions Options(DataPathEndpoint endpoint, string? authToken, ServerCertificateValidator validator)
    {
        var milliseconds = (int)settings.Timeout.TotalMilliseconds;
        var options = new ConfigurationOptions
        {
            Ssl = true,
            SslHost = endpoint.Name,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            Password = authToken,
            ConnectTimeout = milliseconds,
            SyncTimeout = milliseconds,
            AsyncTimeout = milliseconds,
            // One attempt: a certificate or AUTH failure is a finding, not a transient to retry.
            AbortOnConnectFail = true,
            ConnectRetry = 0,
            ClientName = "verification-connectivity-probe",
            CheckCertificateRevocation = false,
        };
        options.EndPoints.Add(IPAddress.TryParse(endpoint.ConnectHost, out var ip) ? new IPEndPoint(ip, endpoint.ConnectPort) : new DnsEndPoint(endpoint.ConnectHost, endpoint.ConnectPort));
        options.CertificateValidation += validator.Validate;
        return options;
    }

    static async Task<bool> WriteCanaryAsync(IDatabase db, CancellationToken cancellationToken)
    {
        // A random key with a short TTL: harmless if the DEL never arrives.
        var key = (RedisKey)("verification:canary:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await db.StringSetAsync(key, value, TimeSpan.FromSeconds(30)).WaitAsync(cancellationToken);
        var read = await db.StringGetAsync(key).WaitAsync(cancellationToken);
        await db.KeyDeleteAsync(key).WaitAsync(cancellationToken);
        return read == value;
    }

    static bool IsAuthenticationFailure(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure }
                || e.Message.Contains("WRONGPASS", StringComparison.Ordinal)
                || e.Message.Contains("NOAUTH", StringComparison.Ordinal)
                || e.Message.Contains("AuthenticationFailure", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
