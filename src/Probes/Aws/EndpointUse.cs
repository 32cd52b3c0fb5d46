namespace Verification.Probes.Aws;

/// <summary>Where a run sent one service's requests, and whether that is AWS's own regional endpoint.</summary>
public sealed record EndpointUse(string Url, bool IsDefault);

/// <summary>The endpoints a run uses, and the rule that outside the sandbox they are https unless the user says otherwise.</summary>
public static class EndpointUses
{
    /// <summary>Service endpoint prefix → the endpoint <paramref name="endpoints"/> resolves for it in <paramref name="region"/>.</summary>
    public static SortedDictionary<string, EndpointUse> Of(AwsEndpoints endpoints, string region)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new(AwsService.All.ToDictionary(s => s.EndpointPrefix, s => new EndpointUse(endpoints.Resolve(s, region).AbsoluteUri, !endpoints.IsOverridden(s))), StringComparer.Ordinal);
    }

    /// <summary>
    /// Refuses any endpoint that is not https: AWS_ENDPOINT_URL pointing at plain http would send signed requests and
    /// read AWS's answers (the evidence) where anyone on the path can change them.
    /// </summary>
    public static void RequireHttps(IReadOnlyDictionary<string, EndpointUse> used, bool allowInsecure)
    {
        ArgumentNullException.ThrowIfNull(used);
        var insecure = used.Where(u => !u.Value.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)).Select(u => $"{u.Key} → {u.Value.Url}").ToList();
        if (insecure.Count > 0 && !allowInsecure)
        {
            throw new InsecureEndpointException($"AWS endpoints must be https outside sandbox mode, found {string.Join(", ", insecure)} (from AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_<SERVICE>). " +
                "Point them at https, or pass --allow-insecure-endpoint (recorded as a policy deviation).");
        }
    }
}

/// <summary>An endpoint that is not https while insecure endpoints are not allowed.</summary>
public sealed class InsecureEndpointException(string message) : Exception(message);
