using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.Runtime;
using Verification.Probes.Aws;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>Hand-signed Query and JSON requests to the sandbox, for services whose thin clients are written elsewhere.</summary>
internal sealed class RawAws(Uri endpoint) : IDisposable
{
    // The sandbox does not check clock skew, so a fixed signing time keeps the tests free of ambient time.
    public static readonly DateTimeOffset SignedAt = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _http = new();

    public static ImmutableCredentials Sandbox => new(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey, null);

    /// <summary>POSTs a form-encoded Query/EC2 request signed for <paramref name="signingName"/>.</summary>
    /// <param name="signedAt">When the request says it was signed; a fixed time unless a test is about time.</param>
    public Task<Reply> QueryAsync(string signingName, string form, string region = "us-east-1", ImmutableCredentials? credentials = null, DateTimeOffset? signedAt = null) =>
        SendAsync(form, "application/x-www-form-urlencoded; charset=utf-8", null, signingName, region, credentials, signedAt);

    /// <summary>POSTs a JSON 1.1 request with X-Amz-Target <paramref name="target"/>.</summary>
    public Task<Reply> JsonAsync(string signingName, string target, string json, string region = "us-east-1", ImmutableCredentials? credentials = null) =>
        SendAsync(json, "application/x-amz-json-1.1", target, signingName, region, credentials, null);

    /// <summary>GETs a Query request whose parameters are in the (already sorted, encoded) query string.</summary>
    public async Task<Reply> GetAsync(string signingName, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "?" + query));
        SigV4.Sign(request, [], Sandbox, "us-east-1", signingName, SignedAt);
        using var response = await _http.SendAsync(request);
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync(), null);
    }

    private async Task<Reply> SendAsync(string text, string contentType, string? target, string signingName, string region, ImmutableCredentials? credentials, DateTimeOffset? signedAt)
    {
        var body = Encoding.UTF8.GetBytes(text);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        SigV4.Sign(request, body, credentials ?? Sandbox, region, signingName, signedAt ?? SignedAt);
        using var response = await _http.SendAsync(request);
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : null);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What the sandbox answered.</summary>
internal sealed record Reply(int Status, string ContentType, string Body, string? RequestId)
{
    public XElement Xml => XDocument.Parse(Body).Root!;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The error code of any envelope: Query ErrorResponse, EC2 Response/Errors, JSON __type.</summary>
    public string ErrorCode => Body.TrimStart().StartsWith('{')
        ? Json.GetProperty("__type").GetString()!
        : Xml.Descendants().First(e => e.Name.LocalName == "Code").Value;

    /// <summary>The text of the first element named <paramref name="localName"/> anywhere in an XML answer, or null.</summary>
    public string? Text(string localName) => Xml.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
