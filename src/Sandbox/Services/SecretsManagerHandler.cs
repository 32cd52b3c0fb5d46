using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// Secrets Manager (JSON 1.1, 2017-10-17). Scenario key: Secrets, each a DescribeSecret shape plus SecretString and
/// ResourcePolicy (written as JSON objects for readability, sent as the JSON strings AWS sends). A secret whose rotation
/// is enabled and has run rotates on its schedule: DescribeSecret plays AutomaticallyAfterDays forward from the scenario's
/// LastRotatedDate to the request's signed time, so a scenario reads the same today and next year; one that never
/// rotated (no LastRotatedDate) stays so.
/// </summary>
internal sealed class SecretsManagerHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeSecret", "GetSecretValue", "GetResourcePolicy"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeSecret" => OnSchedule(Find(request).Without("SecretString", "ResourcePolicy"), request.SignedAt),
        "GetSecretValue" => GetSecretValue(request),
        "GetResourcePolicy" => GetResourcePolicy(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject GetSecretValue(ServiceRequest request)
    {
        var secret = Find(request);
        if (secret["DeletedDate"] is not null)
        {
            throw new AwsError("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.");
        }

        var stage = request.Str("VersionStage") ?? "AWSCURRENT";
        var version = (secret["VersionIdsToStages"] as JsonObject ?? [])
            .FirstOrDefault(v => (v.Value as JsonArray ?? []).Any(s => s?.GetValue<string>() == stage)).Key
            ?? throw new AwsError("ResourceNotFoundException", $"Secrets Manager can't find the specified secret value for staging label: {stage}");
        var value = secret["SecretString"] switch
        {
            JsonObject document => document.ToJsonString(),
            JsonValue text => text.GetValue<string>(),
            _ => "",
        };
        return Resources.Output(
            ("ARN", secret.Str("ARN")),
            ("Name", secret.Str("Name")),
            ("VersionId", version),
            ("SecretString", value),
            ("VersionStages", new JsonArray(stage)),
            ("CreatedDate", secret["CreatedDate"]?.DeepClone()));
    }

    // A secret without a resource policy answers with ARN and Name only.
    private static JsonObject GetResourcePolicy(ServiceRequest request)
    {
        var secret = Find(request);
        return Resources.Output(("ARN", secret.Str("ARN")), ("Name", secret.Str("Name")), ("ResourcePolicy", secret["ResourcePolicy"] is JsonObject policy ? policy.ToJsonString() : null));
    }

    private static JsonObject OnSchedule(JsonObject secret, DateTimeOffset? now)
    {
        if (now is null || secret["RotationEnabled"]?.GetValue<bool>() != true || secret["LastRotatedDate"] is not JsonValue last
            || secret["RotationRules"]?["AutomaticallyAfterDays"] is not JsonValue days || days.GetValue<long>() <= 0)
        {
            return secret;
        }

        var interval = days.GetValue<long>() * 86400.0;
        var rotated = last.GetValue<double>();
        var periods = Math.Floor((now.Value.ToUnixTimeSeconds() - rotated) / interval);
        if (periods > 0)
        {
            rotated += periods * interval;
            secret["LastRotatedDate"] = rotated;
            secret["LastChangedDate"] = rotated;
            secret["NextRotationDate"] = rotated + interval;
        }

        return secret;
    }

    private static JsonObject Find(ServiceRequest request)
    {
        var id = request.RequiredStr("SecretId", "InvalidParameterException");
        // A secret is found by name, full ARN, or the ARN without the six random characters AWS appends.
        return request.Items("secretsmanager", "Secrets").FirstOrDefault(s =>
                s.Str("Name") == id || s.Str("ARN") == id || (s.Str("ARN") is { Length: > 7 } arn && arn[..^7] == id))
            ?? throw new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
}
