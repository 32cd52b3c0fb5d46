using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// Secrets Manager (JSON 1.1, 2017-10-17). Scenario key: Secrets, each a DescribeSecret shape plus SecretString
/// (written as a JSON object for readability, sent as the JSON string AWS sends).
/// </summary>
internal sealed class SecretsManagerHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeSecret", "GetSecretValue"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeSecret" => Find(request).Without("SecretString"),
        "GetSecretValue" => GetSecretValue(request),
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

    private static JsonObject Find(ServiceRequest request)
    {
        var id = request.RequiredStr("SecretId", "InvalidParameterException");
        // A secret is found by name, full ARN, or the ARN without the six random characters AWS appends.
        return request.Items("secretsmanager", "Secrets").FirstOrDefault(s =>
                s.Str("Name") == id || s.Str("ARN") == id || (s.Str("ARN") is { Length: > 7 } arn && arn[..^7] == id))
            ?? throw new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
}
