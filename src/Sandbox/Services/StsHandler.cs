using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// STS (Query, 2011-06-15). Scenario key: CallerIdentity (Arn, UserId, Account), answered for the base key. AssumeRole
/// issues sessions into an organisation's member accounts when the role's trust names the caller.
/// </summary>
internal sealed partial class StsHandler : ServiceHandler
{
    // The roleDurationSecondsType bounds in the STS model; a role's MaxSessionDuration narrows the upper one.
    private const int MinimumDuration = 900;
    private const int MaximumDuration = 43200;

    // AWS caps a session assumed with another session's credentials (role chaining) at one hour, whatever the role allows.
    private const int ChainedMaximum = 3600;

    public override IReadOnlyCollection<string> Actions { get; } = ["GetCallerIdentity", "AssumeRole"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "GetCallerIdentity" => GetCallerIdentity(request),
        "AssumeRole" => AssumeRole(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject GetCallerIdentity(ServiceRequest request) => request.Caller is { IsSession: true } session
        ? Resources.Output(("UserId", session.UserId), ("Account", session.Account), ("Arn", session.Arn))
        : request.Scenario.Resources["sts"]?["CallerIdentity"]?.DeepClone().AsObject() ?? [];

    private static JsonObject AssumeRole(ServiceRequest request)
    {
        var caller = request.Caller ?? throw new InvalidOperationException("AssumeRole needs the signed caller");
        var roleArn = Validated(request, "RoleArn", "roleArn", 20, 2048, null);
        var sessionName = Validated(request, "RoleSessionName", "roleSessionName", 2, 64, SessionName());
        var externalId = request.Param("ExternalId") is null ? null : Validated(request, "ExternalId", "externalId", 2, 1224, ExternalId());
        var duration = Duration(request);

        // Every reason a role cannot be assumed reads the same, as AWS words it: naming none of them tells a prober nothing.
        var denied = new AwsError("AccessDenied", $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", HttpStatusCode.Forbidden);
        var target = RoleArn().Match(roleArn);
        var account = target.Success ? request.Callers?.Organisation?.AccountScenario(target.Groups["account"].Value) : null;
        var role = account is null
            ? null
            : (account.Resources["iam"]?["Roles"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(r => r.Str("Arn") == roleArn);
        if (account is null || role is null || !Trusts(role["AssumeRolePolicyDocument"], caller.Principals, externalId))
        {
            throw denied;
        }

        var maximum = Math.Min(role["MaxSessionDuration"]?.GetValue<int>() ?? ChainedMaximum, caller.IsSession ? ChainedMaximum : MaximumDuration);
        if (duration > maximum)
        {
            throw new AwsError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var signedAt = request.SignedAt ?? throw new InvalidOperationException("a verified request has a signing time");
        var expiration = signedAt.AddSeconds(duration);
        var session = request.Callers!.Issue(account, roleArn, role.Str("RoleName")!, sessionName, signedAt, expiration);
        return Resources.Output(
            ("Credentials", new JsonObject
            {
                ["AccessKeyId"] = session.Credentials.AccessKey,
                ["SecretAccessKey"] = session.Credentials.SecretKey,
                ["SessionToken"] = session.SessionToken,
                ["Expiration"] = expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            }),
            ("AssumedRoleUser", new JsonObject { ["AssumedRoleId"] = session.UserId, ["Arn"] = session.Arn }));
    }

    /// <summary>A string parameter within the model's length and pattern constraints, or AWS's one-line ValidationError.</summary>
    private static string Validated(ServiceRequest request, string name, string wireName, int min, int max, Regex? pattern)
    {
        var value = request.Param(name) ?? throw Invalid($"Value null at '{wireName}' failed to satisfy constraint: Member must not be null");
        if (value.Length < min)
        {
            throw Invalid($"Value '{value}' at '{wireName}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw Invalid($"Value '{value}' at '{wireName}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }

        return pattern is null || pattern.IsMatch(value)
            ? value
            : throw Invalid($"Value '{value}' at '{wireName}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern.ToString()[1..^1]}");
    }

    private static int Duration(ServiceRequest request)
    {
        if (request.Param("DurationSeconds") is not { } text)
        {
            return 3600;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw Invalid($"Value '{text}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer");
        }

        return seconds switch
        {
            < MinimumDuration => throw Invalid($"Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to {MinimumDuration}"),
            > MaximumDuration => throw Invalid($"Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to {MaximumDuration}"),
            _ => seconds,
        };
    }

    private static AwsError Invalid(string problem) => new("ValidationError", $"1 validation error detected: {problem}");

    /// <summary>
    /// Whether the trust policy has an Allow statement for sts:AssumeRole naming one of <paramref name="principals"/> as its
    /// AWS principal, whose every StringEquals sts:ExternalId condition the sent <paramref name="externalId"/> meets.
    /// </summary>
    private static bool Trusts(JsonNode? document, IReadOnlyList<string> principals, string? externalId)
    {
        var statements = document?["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject single => [single],
            _ => [],
        };
        return statements.Any(s =>
            s.Str("Effect") == "Allow"
            && Values(s["Action"]).Any(a => Resources.Glob(a.ToLowerInvariant(), "sts:assumerole"))
            && AwsPrincipals(s["Principal"]).Any(p => p == "*" || principals.Contains(p, StringComparer.Ordinal))
            && ExternalIdsRequired(s).All(required => externalId is not null && required.Contains(externalId, StringComparer.Ordinal)));
    }

    // IAM compares condition operators and keys case-insensitively; each sts:ExternalId entry lists the values it accepts.
    private static IEnumerable<IReadOnlyList<string>> ExternalIdsRequired(JsonObject statement) =>
        (statement["Condition"] as JsonObject ?? [])
            .Where(o => string.Equals(o.Key, "StringEquals", StringComparison.OrdinalIgnoreCase))
            .SelectMany(o => o.Value as JsonObject ?? [])
            .Where(k => string.Equals(k.Key, "sts:ExternalId", StringComparison.OrdinalIgnoreCase))
            .Select(k => (IReadOnlyList<string>)[.. Values(k.Value)]);

    // "Principal": "*" and {"AWS": "*"} trust everyone; a Service or Federated principal is never an AWS identity.
    private static IEnumerable<string> AwsPrincipals(JsonNode? principal) => principal switch
    {
        JsonObject named => Values(named["AWS"]),
        _ => Values(principal).Where(p => p == "*"),
    };

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : ""),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [GeneratedRegex(@"^[\w+=,.@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionName();

    [GeneratedRegex(@"^[\w+=,.@:\/-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^arn:aws[-a-z]*:iam::(?<account>[0-9]{12}):role/", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
