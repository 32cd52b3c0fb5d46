using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Verification.Probes.Connectivity;

/// <summary>Turns a failed connection attempt into a failure kind and a sentence that says what to look at.</summary>
internal static class ConnectFailure
{
    /// <summary>The network-level reason in the exception chain, or null when the failure is not about reaching the host.</summary>
    public static string? NetworkReason(Exception error, bool timedOut, TimeSpan timeout)
    {
        if (timedOut)
            return $"no answer within {Seconds(timeout)} s";

        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException s:
                    return s.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused (nothing listens on that port, or a firewall rejects it)",
                        SocketError.TimedOut => "the TCP connect timed out",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the name did not resolve",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to the host",
                        _ => $"socket error {s.SocketErrorCode}",
                    };
                case TimeoutException or OperationCanceledException:
                    return $"no answer within {Seconds(timeout)} s";
            }
        }

        return null;
    }

    /// <summary>The sentence for an unreachable endpoint: what was tried and the likely causes.</summary>
    public static string Unreachable(string service, DataPathEndpoint endpoint, string tried, string reason) =>
        $"{service} at {endpoint} was unreachable: {reason}. Tried: {tried}. Likely causes: the runner is not inside the VPC, " +
        $"a security group does not admit the runner on port {endpoint.Port}, or the endpoint is wrong.";

    /// <summary>True when a TLS handshake failed (certificate or protocol).</summary>
    public static bool IsHandshakeFailure(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException)
                return true;
        }

        return false;
    }

    /// <summary>The innermost message, which is usually the one that names the cause.</summary>
    public static string Innermost(Exception error)
    {
        var e = error;
        while (e.InnerException is not null)
            e = e.InnerException;
        return e.Message;
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
