using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;

namespace Verification.Probes.Aws;

/// <summary>
/// What the official SDK clients (EC2, KMS, STS) share with the thin clients: the session's region, endpoint and
/// retry budget, one <see cref="AwsCall"/> per call in the session's log, and <see cref="AwsServiceException"/> as the
/// only error type callers see.
/// </summary>
public sealed class SdkCalls : IDisposable
{
    private readonly AwsSession _session;
    private readonly AwsService _service;
    private readonly AttemptCountingFactory _http = new();

    public SdkCalls(AwsSession session, AwsService service)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _service = service;
    }

    /// <summary>Fills <paramref name="config"/> from the session: region, endpoint override, retry budget and timeout.</summary>
    public TConfig Configure<TConfig>(TConfig config)
        where TConfig : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        var region = _session.Region;
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        if (_session.Endpoints.IsOverridden(_service))
        {
            config.ServiceURL = _session.Endpoints.Resolve(_service, region).ToString();
            config.AuthenticationRegion = region;
        }

        config.MaxErrorRetry = Math.Max(0, _session.Retry.MaxAttempts - 1);
        config.RetryMode = RequestRetryMode.Standard;
        config.Timeout = _session.Retry.AttemptTimeout;
        config.HttpClientFactory = _http;
        return config;
    }

    /// <summary>Runs one SDK call, records it, and turns any failure into <see cref="AwsServiceException"/>.</summary>
    public async Task<TResponse> RunAsync<TResponse>(string operation, Func<CancellationToken, Task<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : AmazonWebServiceResponse
    {
        ArgumentNullException.ThrowIfNull(call);
        var started = _session.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var attempts = new StrongBox<int>();
        AttemptCountingHandler.Current.Value = attempts;
        // The SDK bounds attempts and each attempt's time but not their sum: the session's total budget does.
        using var budget = new CancellationTokenSource(_session.Retry.TotalBudget, _session.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var response = await call(linked.Token).ConfigureAwait(false);
            Record(operation, started, clock.Elapsed, attempts.Value, AwsCallOutcome.Succeeded, response.ResponseMetadata?.RequestId, null);
            return response;
        }
        catch (Exception e) when (Translate(operation, e, cancellationToken) is { } failure)
        {
            Record(operation, started, clock.Elapsed, attempts.Value, AwsCallOutcome.Failed, failure.RequestId, failure.ErrorCode);
            throw failure;
        }
        finally
        {
            AttemptCountingHandler.Current.Value = null;
        }
    }

    private AwsServiceException? Translate(string operation, Exception e, CancellationToken cancellationToken)
    {
        var service = _service.EndpointPrefix;
        var region = _session.Region;
        var transport = e is AmazonServiceException { ErrorCode: null } wrapped && wrapped.InnerException is { } inner ? inner : e;
        return transport switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            AmazonServiceException aws => new AwsServiceException(service, operation, region, aws.ErrorCode, aws.Message, StatusOrNull(aws.StatusCode), aws.RequestId, aws),
            OperationCanceledException or TimeoutException => new AwsServiceException(service, operation, region, "Timeout",
                $"no complete answer within {_session.Retry.AttemptTimeout.TotalSeconds:0.#} s", null, null, e),
            HttpRequestException or IOException => new AwsServiceException(service, operation, region, "ConnectionFailed", transport.Message, null, null, e),
            AmazonClientException => new AwsServiceException(service, operation, region, "MalformedResponse", e.Message, null, null, e),
            // A cut or garbled body surfaces from the SDK's unmarshallers as the parser's own exception.
            System.Xml.XmlException or System.Text.Json.JsonException or FormatException => new AwsServiceException(service, operation, region, "MalformedResponse",
                $"the answer could not be read ({transport.Message})", null, null, e),
            _ => null,
        };
    }

    private static int? StatusOrNull(HttpStatusCode status) => status == 0 ? null : (int)status;

    private void Record(string operation, DateTimeOffset started, TimeSpan elapsed, int attempts, AwsCallOutcome outcome, string? requestId, string? errorCode) =>
        _session.Calls.Add(new AwsCall(_service.EndpointPrefix, operation, started, elapsed, Math.Max(1, attempts), outcome, requestId, errorCode));

    public void Dispose() => _http.Dispose();

    /// <summary>Gives the SDK an HttpClient whose handler counts attempts, because SDK responses do not say how many retries they took.</summary>
    private sealed class AttemptCountingFactory : HttpClientFactory, IDisposable
    {
        private readonly SocketsHttpHandler _sockets = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(new AttemptCountingHandler(_sockets), disposeHandler: false)
            {
                Timeout = clientConfig?.Timeout ?? TimeSpan.FromSeconds(100),
            };

        public void Dispose() => _sockets.Dispose();
    }

    private sealed class AttemptCountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        // Flows with the awaiting call into the SDK's pipeline, so concurrent calls each count their own attempts.
        public static readonly AsyncLocal<StrongBox<int>?> Current = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Current.Value is { } attempts)
            {
                Interlocked.Increment(ref attempts.Value);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
