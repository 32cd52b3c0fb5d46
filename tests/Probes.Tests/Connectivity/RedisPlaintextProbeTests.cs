using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using Verification.Probes.Connectivity;

namespace Verification.Probes.Tests.Connectivity;

/// <summary>The plaintext probe reads a whole RESP reply: a reply split over two writes is still a reply, a half reply is no refusal.</summary>
public sealed class RedisPlaintextProbeTests
{
    [Test]
    public async Task A_reply_sent_in_two_pieces_is_still_a_plaintext_reply()
    {
        await using var server = await OneShotServer.StartAsync("+PO"u8.ToArray(), "NG\r\n"u8.ToArray());
        var probe = new RedisPlaintextProbe(new ProbeSettings { Timeout = TimeSpan.FromSeconds(5) }, TimeProvider.System);

        var result = await probe.ProbeAsync(server.Endpoint, CancellationToken.None);

        Assert.That(result.Failure, Is.EqualTo(ProbeFailure.PlaintextAccepted), result.ToString());
    }

    [Test]
    public async Task A_reply_that_never_finishes_is_inconclusive_not_a_refusal()
    {
        await using var server = await OneShotServer.StartAsync("+PON"u8.ToArray());
        var probe = new RedisPlaintextProbe(new ProbeSettings { Timeout = TimeSpan.FromSeconds(1) }, TimeProvider.System);

        var result = await probe.ProbeAsync(server.Endpoint, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Fail), result.ToString());
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.Inconclusive));
        }
    }

    [Test]
    public void An_inconclusive_probe_is_an_error_for_the_gate()
    {
        var result = new ProbeResult("RedisPlaintextProbe", "r:6379", "r:6379", ProbeOutcome.Fail, ProbeFailure.Inconclusive, "half a reply.",
            new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, TimeSpan.Zero);

        var finding = new Verification.Probes.Connectivity.Checks.RedisRefusesPlaintext().Judge(result);

        Assert.That(finding.Status, Is.EqualTo(Verification.Probes.Controls.FindingStatus.Error));
    }

    /// <summary>A loopback server that answers the first request with the given pieces, a moment apart, then keeps the connection open.</summary>
    private sealed class OneShotServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serving;

        private OneShotServer(TcpListener listener, Task serving)
        {
            _listener = listener;
            _serving = serving;
        }

        public DataPathEndpoint Endpoint => new("redis.sandbox.invalid", 6379, new ConnectAddress("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port));

        public static Task<OneShotServer> StartAsync(params byte[][] pieces)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var serving = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                var stream = client.GetStream();
                _ = await stream.ReadAtLeastAsync(new byte[64], 6, throwOnEndOfStream: false);
                foreach (var piece in pieces)
                {
                    await stream.WriteAsync(piece);
                    await stream.FlushAsync();
                    await Task.Delay(100);
                }

                await Task.Delay(TimeSpan.FromSeconds(3));
            });
            return Task.FromResult(new OneShotServer(listener, serving));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await Task.WhenAny(_serving, Task.Delay(TimeSpan.FromSeconds(5)));
        }
    }
}
