using System.Net;
using System.Net.Sockets;

namespace Verification.Probes.Connectivity;

/// <summary>Asks the plain-HTTP listener for <c>/</c> and expects a 301 or 302 to an https:// location.</summary>
public sealed class HttpsRedirectProbe(ProbeSettings settings, TimeProvider time)
{
    const string Service = "ALB HTTP listener";

    /// <summary>Requests http://name:port/ (socket to the connect address) without following redirects.</summary>
    public async Task<ProbeResult> ProbeAsync(DataPathEndpoint endpoint, CancellationToken cancellationToken)
    {
        var run = new ProbeRun(nameof(HttpsRedirectProbe), endpoint, time);
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectTimeout = settings.Timeout,
            // The Host header stays the endpoint's name while the socket goes to the override, as with the TLS probes.
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endpoint.ConnectHost, endpoint.ConnectPort, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);

        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(new Uri($"http://{endpoint.Name}:{endpoint.Port}/"), HttpCompletionOption.ResponseHeadersRead, linked.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = ConnectFailure.NetworkReason(e, timeout.IsCancellationRequested, settings.Timeout) ?? ConnectFailure.Innermost(e);
            return run.Fail(ProbeFailure.Unreachable, ConnectFailure.Unreachable(Service, endpoint, "TCP connect, then GET / over plain HTTP", reason));
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var location = response.Headers.Location;
            run.Evidence["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            run.Evidence["location"] = location?.ToString() ?? "none";
            var redirects = response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found;
            if (redirects && location is { IsAbsoluteUri: true } && location.Scheme == Uri.UriSchemeHttps)
                return run.Pass($"{Service} at {endpoint} redirects plain HTTP to {location} with {status}.");

            return run.Fail(ProbeFailure.NoHttpsRedirect,
                $"{Service} at {endpoint} answered plain HTTP with {status}{(location is null ? "" : $" to {location}")} instead of a 301/302 to https://.");
        }
    }
}
