using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Verification.Probes.Aws;

/// <summary>Everything every AWS call in one run shares: region, credentials, endpoints, HTTP, retry budget, clock and call log.</summary>
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
        Random = new Random(randomSeed);
    }

    public string Region { get; }

    public AwsEndpoints Endpoints { get; }

    public RetryPolicy Retry { get; }

    public TimeProvider Time { get; }

    public HttpClient Http { get; }

    /// <summary>Backoff jitter; seeded so fault tests replay identically.</summary>
    internal Random Random { get; }

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
        if (_ownsHttp)
        {
            Http.Dispose();
        }
    }
}
