using System.Net.Sockets;
using System.Text;

namespace Verification.Probes.Connectivity;

/// <summary>
/// Sends a bare <c>PING</c> (no AUTH, no TLS) to the Redis port. Any Redis reply, <c>+PONG</c> or <c>-NOAUTH</c>, means
/// the port speaks plaintext and fails; a closed connection, a TLS alert, bytes that are not RESP, or silence pass.
/// </summary>
public sealed class RedisPlaintextProbe(ProbeSettings settings, TimeProvider time)
{
    const string Service = "Redis";

    /// <summary>Tries a plaintext PING.</summary>
    public async Task<ProbeResult> ProbeAsync(DataPathEndpoint endpoint, CancellationToken cancellationToken)
    {
        var run = new ProbeRun(nameof(RedisPlaintextProbe), endpoint, time);
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(endpoint.ConnectHost, endpoint.ConnectPort, linked.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ConnectFailure.NetworkReason(e, timeout.IsCancellationRequested, settings.Timeout) ?? ConnectFailure.Innermost(e);
            return run.Fail(ProbeFailure.Unreachable, ConnectFailure.Unreachable(Service, endpoint, "TCP connect, then a plaintext PING", reason));
        }

        var stream = tcp.GetStream();
        var buffer = new byte[256];
        var read = 0;
        try
        {
            await stream.WriteAsync("PING\r\n"u8.ToArray(), linked.Token);

            // A reply can arrive in pieces: read until a whole first line (CRLF), a TLS record, the buffer is full, or the server closes.
            while (read < buffer.Length && !Complete(buffer.AsSpan(0, read)))
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), linked.Token);
                if (n == 0)
                    break;
                read += n;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (read > 0 && IsRespStart(buffer[0]))
            {
                run.Evidence["answer_bytes"] = Convert.ToHexString(buffer.AsSpan(0, Math.Min(read, 16)));
                return run.Fail(ProbeFailure.Inconclusive, $"{Service} at {endpoint} began a Redis-like reply to a plaintext PING but did not finish it within {ConnectFailure.Seconds(settings.Timeout)} s.");
            }

            if (read == 0)
            {
                run.Evidence["answer"] = "none";
                return run.Pass($"{Service} at {endpoint} gave no answer to a plaintext PING within {ConnectFailure.Seconds(settings.Timeout)} s.");
            }
        }
        catch (IOException e)
        {
            run.Evidence["answer"] = "connection reset";
            return run.Pass($"{Service} at {endpoint} reset the connection on a plaintext PING ({ConnectFailure.Innermost(e)}).");
        }

        if (read == 0)
        {
            run.Evidence["answer"] = "connection closed";
            return run.Pass($"{Service} at {endpoint} closed the connection on a plaintext PING.");
        }

        var answer = buffer.AsSpan(0, read);
        run.Evidence["answer_bytes"] = Convert.ToHexString(answer[..Math.Min(read, 16)]);
        if (answer[0] is 0x15 or 0x16)
        {
            run.Evidence["answer"] = "TLS record";
            return run.Pass($"{Service} at {endpoint} answered a plaintext PING with a TLS record ({(answer[0] == 0x15 ? "alert" : "handshake")}), not a Redis reply.");
        }

        if (IsRespReply(answer))
        {
            var line = Printable(answer);
            run.Evidence["answer"] = line;
            return run.Fail(ProbeFailure.PlaintextAccepted, $"{Service} at {endpoint} answered a plaintext PING with the Redis reply '{line}': the port serves unencrypted sessions.");
        }

        if (IsRespStart(answer[0]))
            return run.Fail(ProbeFailure.Inconclusive, $"{Service} at {endpoint} answered a plaintext PING with the start of a Redis-like reply and no line end; neither a refusal nor a reply was observed.");

        run.Evidence["answer"] = "not a Redis reply";
        return run.Pass($"{Service} at {endpoint} answered a plaintext PING with bytes that are not a Redis reply.");
    }

    static bool IsRespStart(byte first) => "+-:$*_#,(!=%~>"u8.Contains(first);

    static bool Complete(ReadOnlySpan<byte> answer) =>
        answer.Length > 0 && (answer[0] is 0x15 or 0x16 ? answer.Length >= 5 : !IsRespStart(answer[0]) || answer.IndexOf("\r\n"u8) > 0);

    // RESP2/3 replies begin with a type byte and end their first line with CRLF.
    static bool IsRespReply(ReadOnlySpan<byte> answer) =>
        "+-:$*_#,(!=%~>"u8.Contains(answer[0]) && answer.IndexOf("\r\n"u8) > 0;

    static string Printable(ReadOnlySpan<byte> answer)
    {
        var end = answer.IndexOf("\r\n"u8);
        var text = Encoding.ASCII.GetString(answer[..Math.Min(end < 0 ? answer.Length : end, 80)]);
        return new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
