using System.Globalization;
using System.Security.Authentication;
using Npgsql;

namespace Verification.Probes.Connectivity;

/// <summary>
/// Opens one verified TLS session to PostgreSQL, runs <c>SELECT 1</c>, and reports the session's TLS version and cipher
/// from <c>pg_stat_ssl</c> with the server version.
/// </summary>
/// <remarks>
/// Npgsql's VerifyFull checks the certificate against <c>Host</c>, which is the connect address when the socket must go
/// to an override (the sandbox, a tunnel). So the session uses <c>SslMode=Require</c> (TLS mandatory, never a plaintext
/// fallback) with <see cref="ServerCertificateValidator"/> as the validation callback: it performs VerifyFull's chain and
/// name checks against the endpoint's name, and the SNI is set to that name as well. Npgsql forbids replacing the
/// callback under VerifyCA/VerifyFull, which is why the mode is Require rather than VerifyFull plus a callback.
/// </remarks>
public sealed class PostgresProbe(ProbeSettings settings, TimeProvider time)
{
    const string Service = "PostgreSQL";

    /// <summary>Connects as the given user and reports the session.</summary>
    public async Task<ProbeResult> ProbeAsync(DataPathEndpoint endpoint, DataPathCredentials credentials, CancellationToken cancellationToken)
    {
        var run = new ProbeRun(nameof(PostgresProbe), endpoint, time, credentials.Secrets);
        var validator = ServerCertificateValidator.For(endpoint.Name, settings, time);
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = endpoint.ConnectHost,
            Port = endpoint.ConnectPort,
            Database = credentials.DbName,
            Username = credentials.DbUser,
            Password = credentials.DbPassword,
            SslMode = SslMode.Require,
            Timeout = WholeSeconds(settings.Timeout),
            CommandTimeout = WholeSeconds(settings.Timeout),
            Pooling = false,
            ApplicationName = "verification-connectivity-probe",
        };
        var builder = new NpgsqlDataSourceBuilder(connection.ConnectionString);
        builder.UseSslClientAuthenticationOptionsCallback(options =>
        {
            options.TargetHost = endpoint.Name;
            options.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            options.RemoteCertificateValidationCallback = validator.Validate;
        });

        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await using var dataSource = builder.Build();
            await using var session = await dataSource.OpenConnectionAsync(linked.Token);
            validator.Verdict?.AddTo(run.Evidence);

            await using (var one = new NpgsqlCommand("SELECT 1", session))
            {
                var answer = await one.ExecuteScalarAsync(linked.Token);
                run.Evidence["select_1"] = Convert.ToString(answer, CultureInfo.InvariantCulture) ?? "null";
            }

            await using (var ssl = new NpgsqlCommand("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()", session))
            await using (var row = await ssl.ExecuteReaderAsync(linked.Token))
            {
                if (!await row.ReadAsync(linked.Token) || !row.GetBoolean(0))
                    return run.Fail(ProbeFailure.PlaintextAccepted, $"{Service} at {endpoint} reports the probe's own session as unencrypted in pg_stat_ssl.");
                run.Evidence["tls_version"] = row.GetString(1);
                run.Evidence["tls_cipher"] = row.GetString(2);
            }

            await using (var version = new NpgsqlCommand("SHOW server_version", session))
                run.Evidence["server_version"] = (string?)await version.ExecuteScalarAsync(linked.Token) ?? "unknown";

            run.Evidence["user"] = credentials.DbUser;
            return run.Pass(
                $"{Service} at {endpoint} accepted a TLS session ({run.Evidence["tls_version"]}, {run.Evidence["tls_cipher"]}) " +
                $"for {credentials.DbUser} with the certificate {(validator.Verdict?.IdentityVerified == true ? "verified" : "NOT verified")} for {endpoint.Name}.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(run, endpoint, credentials, validator, e, timeout.IsCancellationRequested);
        }
    }

    ProbeResult Failed(ProbeRun run, DataPathEndpoint endpoint, DataPathCredentials credentials, ServerCertificateValidator validator, Exception error, bool timedOut)
    {
        if (error is PostgresException pg)
        {
            run.Evidence["sqlstate"] = pg.SqlState;
            return pg.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword => run.Fail(ProbeFailure.Authentication,
                    $"{Service} at {endpoint} refused the credentials for {credentials.DbUser}: {pg.MessageText} (SQLSTATE {pg.SqlState}); check the secret's password."),
                PostgresErrorCodes.InvalidAuthorizationSpecification => run.Fail(ProbeFailure.Authorization,
                    $"{Service} at {endpoint} refused the TLS session before authentication: {pg.MessageText} (SQLSTATE {pg.SqlState})."),
                _ => run.Fail(ProbeFailure.UnexpectedAnswer, $"{Service} at {endpoint} answered with an error: {pg.MessageText} (SQLSTATE {pg.SqlState})."),
            };
        }

        if (ConnectFailure.IsHandshakeFailure(error) || validator.Verdict is { Failure: not ProbeFailure.None })
            return HandshakeFailure.Describe(run, Service, endpoint, validator, error);

        if (error.Message.Contains("No SSL enabled connection", StringComparison.Ordinal))
            return run.Fail(ProbeFailure.TlsNotOffered, $"{Service} at {endpoint} answered the SSL request with 'N': the server does not offer TLS.");

        if (ConnectFailure.NetworkReason(error, timedOut, settings.Timeout) is { } reason)
            return run.Fail(ProbeFailure.Unreachable, ConnectFailure.Unreachable(Service, endpoint, "TCP connect, then a TLS session (SslMode=Require, certificate verified)", reason));

        return run.Fail(ProbeFailure.UnexpectedAnswer, $"{Service} at {endpoint} failed: {ConnectFailure.Innermost(error)}.");
    }

    internal static int WholeSeconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds));
}
