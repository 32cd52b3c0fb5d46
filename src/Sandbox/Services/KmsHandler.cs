using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// KMS (JSON 1.1, 2014-11-01). Scenario keys: Keys (KeyMetadata, Policy as a JSON object, KeyRotationEnabled,
/// RotationPeriodInDays, NextRotationDate) and Aliases (ListAliases shapes).
/// </summary>
internal sealed class KmsHandler : ServiceHandler
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus", "ListAliases"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeKey" => Resources.Output(("KeyMetadata", Key(request, request.RequiredStr("KeyId", "ValidationException"), allowAlias: true)["KeyMetadata"]!.DeepClone())),
        "GetKeyPolicy" => GetKeyPolicy(request),
        "GetKeyRotationStatus" => GetKeyRotationStatus(request),
        "ListAliases" => ListAliases(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject GetKeyPolicy(ServiceRequest request)
    {
        var key = Key(request, request.RequiredStr("KeyId", "ValidationException"), allowAlias: false);
        var name = request.Str("PolicyName") ?? "default";
        if (name != "default")
        {
            throw new AwsError("NotFoundException", $"Policy {name} does not exist.");
        }

        // KMS returns the policy document as a pretty-printed JSON string inside the JSON answer.
        var policy = key["Policy"] is JsonObject document ? document.ToJsonString(Indented) : key.Str("Policy");
        return Resources.Output(("Policy", policy), ("PolicyName", name));
    }

    private static JsonObject GetKeyRotationStatus(ServiceRequest request)
    {
        var key = Key(request, request.RequiredStr("KeyId", "ValidationException"), allowAlias: false);
        // KMS reports rotation off while a key is pending deletion, and the stored setting again once deletion is cancelled.
        var enabled = (key["KeyRotationEnabled"]?.GetValue<bool>() ?? false) && key["KeyMetadata"].Str("KeyState") != "PendingDeletion";
        return Resources.Output(
            ("KeyId", key["KeyMetadata"].Str("Arn")),
            ("KeyRotationEnabled", enabled),
            ("NextRotationDate", enabled ? key["NextRotationDate"]?.DeepClone() : null),
            ("RotationPeriodInDays", enabled ? key["RotationPeriodInDays"]?.DeepClone() : null));
    }

    private static JsonObject ListAliases(ServiceRequest request)
    {
        var aliases = request.Items("kms", "Aliases");
        if (request.Str("KeyId") is { } keyId)
        {
            var target = Key(request, keyId, allowAlias: false)["KeyMetadata"].Str("KeyId");
            aliases = aliases.Where(a => a.Str("TargetKeyId") == target);
        }

        var (page, next) = Paging.Slice(request, aliases, request.Str("Marker"), request.Int("Limit"), "InvalidMarkerException");
        return Resources.Output(("Aliases", page), ("NextMarker", next), ("Truncated", next is not null));
    }

    /// <summary>Finds a key by id or ARN, and by alias name or alias ARN where the operation accepts aliases (DescribeKey does; GetKeyPolicy does not).</summary>
    private static JsonObject Key(ServiceRequest request, string id, bool allowAlias)
    {
        var keys = request.Items("kms", "Keys").ToList();
        var aliasName = id.StartsWith("alias/", StringComparison.Ordinal) ? id
            : id.Contains(":alias/", StringComparison.Ordinal) ? id[(id.IndexOf(":alias/", StringComparison.Ordinal) + 1)..]
            : null;
        if (aliasName is not null)
        {
            var aliasArn = $"arn:aws:kms:{request.Scenario.Region}:{request.Scenario.Account}:{aliasName}";
            if (!allowAlias)
            {
                throw new AwsError("NotFoundException", $"Invalid keyId '{id}'");
            }

            var target = request.Items("kms", "Aliases").FirstOrDefault(a => a.Str("AliasName") == aliasName)?.Str("TargetKeyId")
                ?? throw new AwsError("NotFoundException", $"Alias {aliasArn} is not found.");
            id = target;
        }

        return keys.FirstOrDefault(k => k["KeyMetadata"].Str("KeyId") == id || k["KeyMetadata"].Str("Arn") == id)
            ?? throw new AwsError("NotFoundException", id.StartsWith("arn:", StringComparison.Ordinal)
                ? $"Key '{id}' does not exist"
                : $"Key 'arn:aws:kms:{request.Scenario.Region}:{request.Scenario.Account}:key/{id}' does not exist");
    }
}
