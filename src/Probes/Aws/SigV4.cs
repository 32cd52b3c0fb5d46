using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace Verification.Probes.Aws;

/// <summary>
/// Signs a request with AWS Signature Version 4. The HMAC chain is AWSSDK.Core's (<see cref="AWS4Signer.ComputeSignature(ImmutableCredentials,string,DateTime,string,string,string)"/>);
/// only the canonical request, which the SDK keeps internal, is assembled here.
/// </summary>
public static class SigV4
{
    /// <summary>Adds X-Amz-Date, the session token when present, and the Authorization header.</summary>
    public static void Sign(HttpRequestMessage request, byte[] body, ImmutableCredentials credentials, string region, string signingName, DateTimeOffset now)
    {
        var signedAt = now.UtcDateTime;
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.RequestUri!.IsDefaultPort ? request.RequestUri.Host : request.RequestUri.Authority,
        };
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            var name = header.Key.ToLowerInvariant();
            if (name is "content-type" or "x-amz-date" or "x-amz-security-token" or "x-amz-target")
            {
                headers[name] = string.Join(",", header.Value).Trim();
            }
        }

        var payloadHash = AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body), true);
        var canonical = CanonicalRequest(request.Method.Method, request.RequestUri, headers, payloadHash);
        var signedHeaders = string.Join(";", headers.Keys);
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAt, signingName, signedHeaders, canonical);
        // AuthenticationHeaderValue.Parse rejects SigV4's "Credential=AKIA.../scope, SignedHeaders=..., Signature=..." parameter list.
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>The canonical request as SigV4 defines it; the query must already be sorted and RFC 3986-encoded, as <see cref="Transport.RestOperation"/> sends it.</summary>
    public static string CanonicalRequest(string method, Uri uri, IReadOnlyDictionary<string, string> lowercaseHeaders, string payloadHash)
    {
        // Every service but S3 signs the path encoded twice: each segment of the sent (once-encoded) path is encoded again.
        var path = string.IsNullOrEmpty(uri.AbsolutePath) ? "/" : string.Join('/', uri.AbsolutePath.Split('/').Select(Uri.EscapeDataString));
        var builder = new StringBuilder();
        builder.Append(method).Append('\n').Append(path).Append('\n').Append(uri.Query.TrimStart('?')).Append('\n');
        foreach (var (name, value) in lowercaseHeaders.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n').Append(string.Join(";", lowercaseHeaders.Keys.OrderBy(k => k, StringComparer.Ordinal))).Append('\n').Append(payloadHash);
        return builder.ToString();
    }
}
