using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verification.Probes.Tests.Aws.Sdk;

/// <summary>A real HTTP endpoint on 127.0.0.1 for the official SDK clients, which bring their own HttpClient: answers queued bodies in order and records each request.</summary>
internal sealed class LocalAwsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<(HttpStatusCode Status, string Body, string ContentType)> _answers = new();
    private readonly Lock _gate = new();
    private readonly Task _loop;

    public LocalAwsServer()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public List<(string Method, string Path, string Body, string? Target)> Requests { get; } = [];

    public void Enqueue(HttpStatusCode status, string body, string contentType)
    {
        lock (_gate)
        {
            _answers.Enqueue((status, body, contentType));
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            (HttpStatusCode Status, string Body, string ContentType) answer;
            lock (_gate)
            {
                Requests.Add((context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "/", body, context.Request.Headers["X-Amz-Target"]));
                answer = _answers.Count > 0 ? _answers.Dequeue() : (HttpStatusCode.NotImplemented, "no answer queued", "text/plain");
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = (int)answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
