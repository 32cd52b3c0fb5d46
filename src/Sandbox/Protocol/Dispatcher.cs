using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Verification.Sandbox.Faults;

namespace Verification.Sandbox.Protocol;

/// <summary>
/// The one request pipeline: identify service and action, record it, find the caller by its key and verify the signature,
/// keep it to its own account, inject faults, answer from the caller's account's stack.
/// </summary>
internal sealed partial class Dispatcher(Callers callers, IReadOnlyList<SimulatedService> services, SandboxOptions options)
{
    private readonly ConcurrentQueue<string> _actions = new();

    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<RequestMembers> _members = new();

    /// <summary>Every action received, in arrival order, rejected ones included.</summary>
    public IReadOnlyList<string> Actions => _actions.ToArray();

    /// <summary>Every request received as "service:Action#hash of its body" (path and body for REST), so a repeated identical request can be told.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>The parameter names each request carried (Query form keys, JSON body members), for checking them against the AWS models.</summary>
    public IReadOnlyList<RequestMembers> Members => _members.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();

        var (service, action, form, json, routingError) = Route(request, body);
        var name = $"{service?.SigningName ?? "unknown"}:{action}";
        _actions.Enqueue(name);
        // REST requests carry their arguments in the path (the S3 bucket), so the path is part of what makes a request the same.
        var identity = service?.Protocol is WireProtocol.RestXml or WireProtocol.RestJson ? [.. Encoding.UTF8.GetBytes(request.QueryString.Value ?? ""), .. Encoding.UTF8.GetBytes(request.Path.Value ?? ""), .. body] : body;
        _requests.Enqueue($"{name}#{Convert.ToHexString(SHA256.HashData(identity))[..16]}");
        if (service is not null && routingError is null)
        {
            _members.Enqueue(new RequestMembers(service.SigningName, action, service.Protocol.ToString(), [.. form.Keys.Where(k => k is not ("Action" or "Version")), .. json.Select(m => m.Key)]));
        }
        if (options.Latency > TimeSpan.Zero && !await Wait(options.Latency, context))
        {
            return;
        }

        var (reply, transportFault) = routingError is not null
            ? (WireReply.Failure(service, routingError, requestId), null)
            : Answer(request, body, service!, action, form, json, requestId);

        options.Log?.Invoke($"{name} {(int)reply.Status}{(transportFault is { } f ? " " + f : "")}");
        var text = reply.Body;
        switch (transportFault)
        {
            case FaultKind.Stall when !await Wait(options.StallFor, context):
                return;
            case FaultKind.Close:
                context.Abort();
                return;
            case FaultKind.Truncate:
                text = text[..(text.Length / 2)];
                break;
        }

        context.Response.StatusCode = (int)reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (header, value) in reply.Headers)
        {
            context.Response.Headers[header] = value;
        }

        await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>Waits, or returns false when the client hung up first.</summary>
    private static async Task<bool> Wait(TimeSpan delay, HttpContext context)
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private (WireReply Reply, FaultKind? TransportFault) Answer(HttpRequest request, byte[] body, SimulatedService service, string action, Dictionary<string, string> form, JsonObject json, string requestId)
    {
        try
        {
            // A temporary key sent without its own session token is as unknown to AWS as a key it never issued.
            var caller = callers.Find(SignatureVerifier.AccessKey(request), request.Headers["X-Amz-Security-Token"].FirstOrDefault());
            var scenario = caller?.Scenario ?? callers.Base.Scenario;
            if (SignatureVerifier.Verify(request, body, service, scenario.Region, caller?.Credentials) is { } rejected)
            {
                return (WireReply.Failure(service, rejected, requestId), null);
            }

            // Verify refuses a key no caller holds, so past it the caller is known.
            var signedAt = SignatureVerifier.SignedAt(request);
            if (options.CredentialsExpired || (caller!.Expiration is { } expiration && signedAt > expiration))
            {
                return (WireReply.Failure(service, Expired(service.Protocol), requestId), null);
            }

            var iamAction = $"{service.SigningName}:{action}";
            if (options.DeniedActions.Contains(iamAction))
            {
                return (WireReply.Failure(service, Denied(service, $"User: {caller.Arn} is not authorized to perform: {iamAction} because no identity-based policy allows the {iamAction} action"), requestId), null);
            }

            if (callers.Organisation is not null && ForeignArn(caller, iamAction, form, json) is { } foreign)
            {
                return (WireReply.Failure(service, Denied(service, $"User: {caller.Arn} is not authorized to perform: {iamAction} on resource: {foreign} because no resource-based policy allows the {iamAction} action"), requestId), null);
            }

            var fault = options.Faults?.Next($"{service.SigningName}:{action}");
            if (fault is FaultKind.Throttle or FaultKind.Unavailable or FaultKind.ServerError)
            {
                return (WireReply.Failure(service, Fault(service.Protocol, fault.Value), requestId), null);
            }

            if (!service.Handler.Actions.Contains(action))
            {
                return (WireReply.Failure(service, UnknownAction(service.Protocol, action), requestId), null);
            }

            var output = service.Handler.Handle(new ServiceRequest(action, scenario, form, json, signedAt, caller, callers));
            return (WireReply.Success(service, action, output, requestId), fault);
        }
        catch (AwsError error)
        {
            return (WireReply.Failure(service, error, requestId), null);
        }
    }

    private (SimulatedService? Service, string Action, Dictionary<string, string> Form, JsonObject Json, AwsError? Error) Route(HttpRequest request, byte[] body)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        if (!string.IsNullOrEmpty(target))
        {
            var dot = target.LastIndexOf('.');
            var (prefix, action) = dot > 0 ? (target[..dot], target[(dot + 1)..]) : (target, "");
            var service = services.FirstOrDefault(s => s.Protocol == WireProtocol.Json && s.Namespace == prefix);
            if (service is null)
            {
                return (null, target, [], [], new AwsError("UnknownOperationException", ""));
            }

            try
            {
                var json = body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject;
                return json is null
                    ? (service, action, [], [], new AwsError("SerializationException", "Start of structure or map found where not expected."))
                    : (service, action, [], json, null);
            }
            catch (JsonException)
            {
                return (service, action, [], [], new AwsError("SerializationException", "Invalid JSON in request body."));
            }
        }

        if (SignatureVerifier.ScopeService(request) is { } scopeName
            && services.FirstOrDefault(s => s.Protocol == WireProtocol.RestXml && s.SigningName == scopeName) is { } rest)
        {
            return RouteRest(request, rest);
        }

        if (SignatureVerifier.ScopeService(request) is { } restScope
            && services.FirstOrDefault(s => s.Protocol == WireProtocol.RestJson && s.SigningName == restScope) is { } restJson)
        {
            return RouteRestJson(request, body, restJson);
        }

        // Query and EC2: the action is a form field, the service is the one the credential scope names; an action only
        // another service answers is routed there, so that a wrong signing name is rejected as AWS would reject it.
        var raw = request.Method == HttpMethods.Get ? request.QueryString.Value ?? "" : Encoding.UTF8.GetString(body);
        var form = QueryHelpers.ParseQuery(raw).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var queryAction = form.GetValueOrDefault("Action", "");
        var scoped = services.FirstOrDefault(s => s.Protocol != WireProtocol.Json && s.SigningName == SignatureVerifier.ScopeService(request));
        var owner = scoped is not null && scoped.Handler.Actions.Contains(queryAction)
            ? scoped
            : services.FirstOrDefault(s => s.Protocol != WireProtocol.Json && s.Handler.Actions.Contains(queryAction)) ?? scoped;
        return owner is null
            ? (null, queryAction, form, [], new AwsError("InvalidAction", $"The action {queryAction} is not valid for this web service."))
            : (owner, queryAction, form, [], null);
    }

    // S3 bucket subresources, named by the IAM action each needs (GetBucketEncryption is s3:GetEncryptionConfiguration),
    // so that ActionsCalled and DeniedActions speak the policy's language.
    private static readonly Dictionary<string, string> BucketSubresources = new(StringComparer.Ordinal)
    {
        ["encryption"] = "GetEncryptionConfiguration",
        ["versioning"] = "GetBucketVersioning",
        ["publicAccessBlock"] = "GetBucketPublicAccessBlock",
        ["policy"] = "GetBucketPolicy",
        ["logging"] = "GetBucketLogging",
    };

    /// <summary>Path-style REST: GET /{bucket}?{subresource}; the bucket is handed to the handler as "Bucket".</summary>
    private static (SimulatedService?, string, Dictionary<string, string>, JsonObject, AwsError?) RouteRest(HttpRequest request, SimulatedService service)
    {
        var bucket = (request.Path.Value ?? "").Trim('/');
        var subresource = QueryHelpers.ParseQuery(request.QueryString.Value ?? "").Keys.FirstOrDefault(BucketSubresources.ContainsKey);
        var action = request.Method == HttpMethods.Get && subresource is not null ? BucketSubresources[subresource] : $"{request.Method} {request.Path}{request.QueryString}";
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["Bucket"] = bucket };
        return bucket.Length == 0 || bucket.Contains('/', StringComparison.Ordinal)
            ? (service, action, form, [], new AwsError("NotImplemented", "A header or query you provided implies functionality that is not implemented.", HttpStatusCode.NotImplemented))
            : (service, action, form, [], null);
    }

    /// <summary>REST-JSON: the operation whose method and requestUri match; path labels and query parameters become parameters under their wire names.</summary>
    private static (SimulatedService?, string, Dictionary<string, string>, JsonObject, AwsError?) RouteRestJson(HttpRequest request, byte[] body, SimulatedService service)
    {
        var path = request.Path.Value ?? "";
        var matched = service.Handler.Routes.Select(r => (Route: r, Labels: r.Match(request.Method, path))).FirstOrDefault(m => m.Labels is not null);
        if (matched.Labels is null)
        {
            return (service, $"{request.Method} {path}", [], [], new AwsError("UnknownOperationException", "", HttpStatusCode.NotFound));
        }

        var form = QueryHelpers.ParseQuery(request.QueryString.Value ?? "").ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        foreach (var (label, value) in matched.Labels)
        {
            form[label] = value;
        }

        try
        {
            var json = body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject;
            return json is null
                ? (service, matched.Route.Action, form, [], new AwsError("SerializationException", "Start of structure or map found where not expected."))
                : (service, matched.Route.Action, form, json, null);
        }
        catch (JsonException)
        {
            return (service, matched.Route.Action, form, [], new AwsError("SerializationException", "Invalid JSON in request body."));
        }
    }

    private static AwsError UnknownAction(WireProtocol protocol, string action) => protocol switch
    {
        WireProtocol.Json or WireProtocol.RestJson => new AwsError("UnknownOperationException", ""),
        WireProtocol.RestXml => new AwsError("NotImplemented", "A header or query you provided implies functionality that is not implemented.", HttpStatusCode.NotImplemented),
        _ => new AwsError("InvalidAction", $"The action {action} is not valid for this web service."),
    };

    private static AwsError Expired(WireProtocol protocol) => protocol switch
    {
        WireProtocol.Json => new AwsError("ExpiredTokenException", "The security token included in the request is expired"),
        WireProtocol.RestJson => new AwsError("ExpiredTokenException", "The security token included in the request is expired", HttpStatusCode.Forbidden),
        WireProtocol.Ec2 => new AwsError("RequestExpired", "Request has expired."),
        _ => new AwsError("ExpiredToken", "The security token included in the request is expired", HttpStatusCode.Forbidden),
    };

    // AWS's own wording, which names the caller and the action, so clients that read it are exercised too.
    private static AwsError Denied(SimulatedService service, string message) =>
        service.Protocol switch
        {
            WireProtocol.Json => new AwsError("AccessDeniedException", message),
            WireProtocol.RestJson => new AwsError("AccessDeniedException", message, HttpStatusCode.Forbidden),
            WireProtocol.Ec2 => new AwsError("UnauthorizedOperation", "You are not authorized to perform this operation.", HttpStatusCode.Forbidden),
            _ => new AwsError("AccessDenied", message, HttpStatusCode.Forbidden),
        };

    /// <summary>
    /// The first ARN of another account among the request's parameters (Query values, JSON strings at any depth), or null:
    /// credentials work only on their own account's resources. sts:AssumeRole's RoleArn names another account by design.
    /// </summary>
    private static string? ForeignArn(Caller caller, string iamAction, Dictionary<string, string> form, JsonObject json)
    {
        var values = form.Where(p => !(iamAction == "sts:AssumeRole" && p.Key == "RoleArn")).Select(p => p.Value).Concat(Strings(json));
        return values
            .SelectMany(v => AccountArn().Matches(v))
            .FirstOrDefault(m => m.Groups["account"].Value != caller.Account)?.Value;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [GeneratedRegex(@"arn:aws[-a-z]*:[a-z0-9-]+:[a-z0-9-]*:(?<account>[0-9]{12}):[^\s""',]*", RegexOptions.CultureInvariant)]
    private static partial Regex AccountArn();

    private static AwsError Fault(WireProtocol protocol, FaultKind kind) => (protocol, kind) switch
    {
        (WireProtocol.Ec2, FaultKind.ServerError) => new AwsError("InternalError", "An internal error has occurred.", HttpStatusCode.InternalServerError),
        (_, FaultKind.ServerError) => new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", HttpStatusCode.InternalServerError),

        (WireProtocol.Ec2, FaultKind.Throttle) => new AwsError("RequestLimitExceeded", "Request limit exceeded.", HttpStatusCode.ServiceUnavailable),
        (WireProtocol.Json, FaultKind.Throttle) => new AwsError("ThrottlingException", "Rate exceeded"),
        (WireProtocol.RestJson, FaultKind.Throttle) => new AwsError("TooManyRequestsException", "Rate exceeded", HttpStatusCode.TooManyRequests),
        (WireProtocol.RestXml, FaultKind.Throttle) => new AwsError("SlowDown", "Please reduce your request rate.", HttpStatusCode.ServiceUnavailable),
        (_, FaultKind.Throttle) => new AwsError("Throttling", "Rate exceeded"),
        (WireProtocol.Ec2, _) => new AwsError("Unavailable", "The server is overloaded and can't handle the request.", HttpStatusCode.ServiceUnavailable),
        (WireProtocol.Json or WireProtocol.RestJson, _) => new AwsError("ServiceUnavailableException", "Service is unavailable.", HttpStatusCode.ServiceUnavailable),
        _ => new AwsError("ServiceUnavailable", "Service is unavailable.", HttpStatusCode.ServiceUnavailable),
    };
}
