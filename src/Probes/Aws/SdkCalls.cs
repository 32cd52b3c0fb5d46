using System.Net;
using Amazon;
using Amazon.Runtime;

namespace Verification.Probes.Aws;

/// <summary>
/// What the official SDK clients (EC2, KMS, S3, STS) share with the thin clients: the session's region, endpoint,
/// retry budget, send rate and per-endpoint concurrency, one <see cref="AwsCall"/> per call in the session's log, and <see cref="AwsServiceException"/> as the
/// only error type callers see.
/// </summary>
public sealed class SdkCalls : IDisposable
{
    private readonly AwsSession _session;
    private readonly AwsService _service;
    private readonly SharedSocketsFactory _http = new();

    public SdkCalls(AwsSession session, AwsService service)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _service = service;
    }

    /// <summary>The session's region.</summary>
    public string Region => _session.Region;

    /// <summary>The session's clock.</summary>
    public TimeProvider Time => _session.Time;

    /// <summary>Fills <paramref name="config"/> from the session: region, endpoint override and per-attempt timeout; retries are the session's, not the SDK's.</summary>
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

        // The session's pipeline retries every attempt the SDK makes, with the same throttling deadline, send rate and
        // per-endpoint concurrency as the thin clients; the SDK's own retry (and its per-client adaptive bucket) would
        // stack a second, unshared budget on top.
        config.MaxErrorRetry = 0;
        config.RetryMode = RequestRetryMode.Standard;
        config.Timeout = _session.Retry.AttemptTimeout;
        config.HttpClientFactory = _http;
        return config;
    }

    /// <summary>Runs one SDK call through the session's pipeline, records it, and turns any failure into <see cref="AwsServiceException"/>.</summary>
    public Task<TResponse> RunAsync<TResponse>(string operation, Func<CancellationToken, Task<TResponse>> call, CancellationToken cancellationToken)
        where TResponse : AmazonWebServiceResponse
    {
        ArgumentNullException.ThrowIfNull(call);
        var endpoint = _session.Endpoints.Resolve(_service, _session.Region);
        return _session.Pipeline.RunAsync(_service, endpoint, operation, async token =>
        {
            try
            {
                return await call(token).ConfigureAwait(false);
            }
            catch (Exception e) when (Translate(operation, e, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }, response => response.ResponseMetadata?.RequestId, cancellationToken);
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

    public void Dispose() => _http.Dispose();

    /// <summary>Gives every SDK client of one service one pooled socket handler.</summary>
    private sealed class SharedSocketsFactory : HttpClientFactory, IDisposable
    {
        private readonly SocketsHttpHandler _sockets = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(_sockets, disposeHandler: false)
            {
                Timeout = clientConfig?.Timeout ?? TimeSpan.FromSeconds(100),
            };

        public void Dispose() => _sockets.Dispose();
    }
}
