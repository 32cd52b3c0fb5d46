using System.Security.Cryptography;
using Npgsql;

namespace Verification.Probes.Connectivity;

/// <summary>
/// Opens a session WITHOUT TLS as a throwaway user and password and classifies the server's answer: refused before the
/// password check (pg_hba.conf has no non-TLS entry, SQLSTATE 28000) passes; a password check or a session fails.
/// </summary>
public sealed class PostgresPlaintextProbe(ProbeSettings settings, TimeProvider time)
{
    const string Service = "PostgreSQL";

    /// <summary>Tries a plaintext session.</summary>
    public async Task<ProbeResult> ProbeAsync(DataPathEndpoint endpoint, string database, CancellationToken cancellationToken)
    {
        // A user that cannot exist and a password nobody knows: nothing real is ever sent in the clear.
        var user = "verification_probe_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var run = new ProbeRun(nameof(PostgresPlaintextProbe), endpoint, time, [password]);
        run.Evidence["user_tried"] = user;
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = endpoint.ConnectHost,
            Port = endpoint.ConnectPort,
            Database = database,
            Username = user,
            Password = password,
            SslMode = SslMode.Disable,
            Timeout = PostgresProbe.WholeSeconds(settings.Timeout),
            Pooling = false,
        };

        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await using var session = new NpgsqlConnection(connection.ConnectionString);
            await session.OpenAsync(linked.Token);
            return run.Fail(ProbeFailure.PlaintextAccepted, $"{Service} at {endpoint} opened an unencrypted session for a random user.");
        }
        catch (PostgresException pg) when (pg.SqlState == PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            run.Evidence["sqlstate"] = pg.SqlState;
            run.Evidence["server_said"] = pg.MessageText;
            return run.Pass($"{Service} at {endpoint} refused the plaintext session before any password check: {pg.MessageText}.");
        }
        catch (PostgresException pg)
        {
            run.Evidence["sqlstate"] = pg.SqlState;
            run.Evidence["server_said"] = pg.MessageText;
            var stage = pg.SqlState == PostgresErrorCodes.InvalidPassword ? "up to the password check" : "and answered inside the session";
            return run.Fail(ProbeFailure.PlaintextAccepted,
                $"{Service} at {endpoint} accepted a plaintext session {stage}: {pg.MessageText} (SQLSTATE {pg.SqlState}); pg_hba.conf (or rds.force_ssl) must refuse non-TLS sessions.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            if (IsClosedByServer(e))
            {
                run.Evidence["server_said"] = ConnectFailure.Innermost(e);
                return run.Pass($"{Service} at {endpoint} closed the plaintext session without a PostgreSQL answer ({ConnectFailure.Innermost(e)}).");
            }

            if (ConnectFailure.NetworkReason(e, timeout.IsCancellationRequested, settings.Timeout) is { } reason)
                return run.Fail(ProbeFailure.Unreachable, ConnectFailure.Unreachable(Service, endpoint, "TCP connect, then a startup message without TLS", reason));

            // Anything else (a protocol error, a client bug) says nothing about whether plaintext is refused.
            run.Evidence["unexpected"] = $"{e.GetType().Name}: {ConnectFailure.Innermost(e)}";
            return run.Fail(ProbeFailure.Inconclusive, $"{Service} at {endpoint}: the plaintext attempt ended in an unexpected {e.GetType().Name} ({ConnectFailure.Innermost(e)}), so refusal was not observed.");
        }
    }

    static bool IsClosedByServer(Exception e) => e is NpgsqlException { InnerException: EndOfStreamException or IOException };
}
