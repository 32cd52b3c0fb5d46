using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Verification.Sandbox.Protocol;

/// <summary>
/// Checks a request's SigV4 signature the way AWS does: rebuild the canonical request from what was received, recompute the
/// HMAC chain with AWSSDK.Core for the caller's key, and compare. Errors carry the code and status of the service's protocol.
/// </summary>
internal static class SignatureVerifier
{
    private const string Mismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /// <summary>The SigV4 credential scope's service name, read without verifying anything, to route Query requests.</summary>
    public static string? ScopeService(HttpRequest request) => Parse(request)?.Scope is [_, _, _, var service, ..] ? service : null;

    /// <summary>The access key id the request says it is signed with, read without verifying anything, to find the caller.</summary>
    public static string? AccessKey(HttpRequest request) => Parse(request)?.Scope is [var accessKey, ..] ? accessKey : null;

    /// <summary>
    /// Null when the request is signed with <paramref name="credentials"/> for <paramref name="service"/> in <paramref name="region"/>;
    /// otherwise the error AWS would answer. Null credentials mean the key (or its session token) is not one the sandbox issued.
    /// </summary>
    public static AwsError? Verify(HttpRequest request, byte[] body, SimulatedService service, string region, ImmutableCredentials? credentials)
    {
        var json = service.Protocol is WireProtocol.Json or WireProtocol.RestJson;
        var authorization = Parse(request);
        if (authorization is null)
        {
            return service.Protocol switch
            {
                WireProtocol.Json or WireProtocol.RestJson => new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token"),
                WireProtocol.Ec2 => new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", HttpStatusCode.Unauthorized),
                _ => new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", HttpStatusCode.Forbidden),
            };
        }

        var (scope, signedHeaders, signature) = authorization.Value;
        if (scope is not [var accessKey, var date, var scopeRegion, var scopeService, "aws4_request"]
            || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return SignatureError(json, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.", incomplete: true);
        }

        if (credentials is null || accessKey != credentials.AccessKey)
        {
            return service.Protocol switch
            {
                WireProtocol.Json or WireProtocol.RestJson => new AwsError("UnrecognizedClientException", "The security token included in the request is invalid."),
                WireProtocol.Ec2 => new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", HttpStatusCode.Unauthorized),
                _ => new AwsError("InvalidClientTokenId", "The security token included in the request is invalid.", HttpStatusCode.Forbidden),
            };
        }

        if (scopeService != service.SigningName)
        {
            return SignatureError(json, $"Credential should be scoped to correct service: '{service.SigningName}'. ");
        }

        if (scopeRegion != service.SigningRegion(region))
        {
            return SignatureError(json, $"Credential should be scoped to a valid region, not '{scopeRegion}'. ");
        }

        if (SignedAt(request)?.UtcDateTime is not { } signedAt)
        {
            return SignatureError(json, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", incomplete: true);
        }

        if (signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture) != date)
        {
            return SignatureError(json, $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{date}' != '{signedAt:yyyyMMdd}'");
        }

        var canonical = CanonicalRequest(request, body, signedHeaders, service);
        var expected = AWS4Signer.ComputeSignature(credentials, scopeRegion, signedAt, scopeService, signedHeaders, canonical).Signature;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : SignatureError(json, Mismatch);
    }

    /// <summary>The canonical request SigV4 defines, from the request as received.</summary>
    internal static string CanonicalRequest(HttpRequest request, byte[] body, string signedHeaders, SimulatedService service)
    {
        var builder = new StringBuilder();
        // The path as the client sent it (already URI-encoded once); every service but S3 signs it encoded a second time.
        var sent = string.IsNullOrEmpty(request.PathBase + request.Path) ? "/" : (request.PathBase + request.Path).ToUriComponent();
        // The raw target keeps the client's own escapes (ASP.NET Core decodes Path, and re-encoding would not restore "%3A").
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } target && target.StartsWith('/') ? target.Split('?')[0] : sent;
        var path = service.Protocol == WireProtocol.RestXml ? sent : string.Join('/', raw.Split('/').Select(Uri.EscapeDataString));
        builder.Append(request.Method).Append('\n').Append(path).Append('\n').Append(CanonicalQuery(request.QueryString.Value)).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            var values = name == "host" ? request.Host.Value ?? "" : string.Join(",", request.Headers[name].Select(v => Collapse(v ?? "")));
            builder.Append(name).Append(':').Append(Collapse(values)).Append('\n');
        }

        var declared = request.Headers["x-amz-content-sha256"].ToString();
        var payloadHash = string.IsNullOrEmpty(declared) ? AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body), true) : declared;
        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    private static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }

        var pairs = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Encode(p[0]), Value: Encode(p.Length > 1 ? p[1] : "")))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join("&", pairs.Select(p => p.Name + "=" + p.Value));
    }

    // Decode then re-encode so both "%2F" and "/" come out in the one RFC 3986 form SigV4 signs.
    private static string Encode(string component) => Uri.EscapeDataString(Uri.UnescapeDataString(component));

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static AwsError SignatureError(bool json, string message, bool incomplete = false) => (json, incomplete) switch
    {
        (true, true) => new AwsError("IncompleteSignatureException", message),
        (true, false) => new AwsError("InvalidSignatureException", message),
        (false, true) => new AwsError("IncompleteSignature", message, HttpStatusCode.Forbidden),
        (false, false) => new AwsError("SignatureDoesNotMatch", message, HttpStatusCode.Forbidden),
    };

    private static (string[] Scope, string SignedHeaders, string Signature)? Parse(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Algorithm = "AWS4-HMAC-SHA256 ";
        if (!header.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = header[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return (
            parts.TryGetValue("Credential", out var credential) ? credential.Split('/') : [],
            parts.GetValueOrDefault("SignedHeaders", ""),
            parts.GetValueOrDefault("Signature", ""));
    }

    /// <summary>The request's X-Amz-Date, or null when it has none that parses.</summary>
    public static DateTimeOffset? SignedAt(HttpRequest request) =>
        DateTime.TryParseExact(request.Headers["X-Amz-Date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            ? new DateTimeOffset(signedAt, TimeSpan.Zero)
            : null;
}
