using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Verification.Probes.Aws;

/// <summary>Everything every AWS call in one run shares: region, credentials, endpoints, HTTP, retry budget, send rate, clock and call log.</summary>
public sealed class AwsSession : IDisposable
{
    private readonly AWSCredentials _credentials;
    private readonly bool _ownsHttp;

    public AwsSession(string region, AWSCredentials credentials, AwsEndpoints endpoints, RetryPolicy retry, TimeProvider time, HttpClient? http = null, int randomSeed = 0)
    {
        Region = region;
        _credentials = credentials;
        Endpoints = endpoints;
        Retry = retry;
        Time = time;
        _ownsHttp = http is null;
        Http = http ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 128 })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Pipeline = new AwsCallPipeline(this, randomSeed);
    }

    public string Region { get; }

    public AwsEndpoints Endpoints { get; }

    public RetryPolicy Retry { get; }

    public TimeProvider Time { get; }

    public HttpClient Http { get; }

    /// <summary>The send rate every call of this session shares: it drops when AWS throttles and recovers as calls succeed.</summary>
    public AdaptiveSendRate SendRate => Pipeline.SendRate;

    /// <summary>Attempts, pacing, retries and recording of every call; the backoff jitter is seeded so fault tests replay identically.</summary>
    internal AwsCallPipeline Pipeline { get; }

    /// <summary>Calls started inside the returned scope share one deadline (<see cref="RetryPolicy.TotalBudget"/>): open it around a paging loop.</summary>
    public IDisposable ShareDeadline() => AwsCallPipeline.ShareDeadline(Time);

    public AwsCallLog Calls { get; } = new();

    /// <summary>The SDK credentials object, for the official clients (EC2, KMS, STS).</summary>
    public AWSCredentials Credentials => _credentials;

    /// <summary>Resolves credentials from the SDK's standard chain (environment, profile and SSO, web identity, container, instance metadata).</summary>
    public static AWSCredentials DefaultCredentials() => DefaultAWSCredentialsIdentityResolver.GetCredentials();

    /// <summary>The region from the SDK's standard chain (AWS_REGION, AWS_DEFAULT_REGION, profile, instance metadata), or null.</summary>
    public static string? DefaultRegion() => FallbackRegionFactory.GetRegionEndpoint()?.SystemName;

    internal async Task<ImmutableCredentials> GetCredentialsAsync() => await _credentials.GetCredentialsAsync().ConfigureAwait(false);

    public void Dispose()
    {
        Pipeline.Dispose();
        if (_ownsHttp)
        {
            Http.Dispose();
        }
    }
}
