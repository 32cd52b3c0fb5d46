namespace Verification.Probes.Aws;

/// <summary>Resolves a service's endpoint the way the AWS SDKs and CLI do: service variable, then global variable, then the regional default.</summary>
public sealed class AwsEndpoints
{
    private readonly Func<string, string?> _environment;
    private readonly Uri? _override;

    /// <param name="endpointOverride">An explicit endpoint for every service (the sandbox); wins over the environment.</param>
    /// <param name="environment">Reads an environment variable; injectable so tests need not touch the process.</param>
    public AwsEndpoints(Uri? endpointOverride = null, Func<string, string?>? environment = null)
    {
        _override = endpointOverride;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The endpoint to send requests for <paramref name="service"/> in <paramref name="region"/>.</summary>
    public Uri Resolve(AwsService service, string region)
    {
        if (_override is not null)
        {
            return _override;
        }

        var specific = _environment(service.EndpointVariable);
        if (!string.IsNullOrWhiteSpace(specific))
        {
            return new Uri(specific);
        }

        var global = _environment("AWS_ENDPOINT_URL");
        if (!string.IsNullOrWhiteSpace(global))
        {
            return new Uri(global);
        }

        return service.IsGlobal
            ? new Uri($"https://{service.EndpointPrefix}.amazonaws.com/")
            : new Uri($"https://{service.EndpointPrefix}.{region}.amazonaws.com/");
    }

    /// <summary>The region a request to <paramref name="service"/> is signed for (IAM signs in us-east-1).</summary>
    public static string SigningRegion(AwsService service, string region) => service.IsGlobal ? "us-east-1" : region;

    /// <summary>True when an override or environment variable points this service somewhere other than AWS.</summary>
    public bool IsOverridden(AwsService service) =>
        _override is not null
        || !string.IsNullOrWhiteSpace(_environment(service.EndpointVariable))
        || !string.IsNullOrWhiteSpace(_environment("AWS_ENDPOINT_URL"));
}
