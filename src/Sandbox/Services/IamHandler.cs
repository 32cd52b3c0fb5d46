using System.Net;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// IAM (Query, 2010-05-08, global). Scenario keys: Roles (AssumeRolePolicyDocument as a JSON object, sent URL-encoded as IAM does),
/// RoleDetailList (by RoleName, as GetAccountAuthorizationDetails' RoleDetail: RolePolicyList, AttachedManagedPolicies), Policies
/// (as its ManagedPolicyDetail: PolicyVersionList with each Document as a JSON object), and the scenario's sandbox.policySimulation: per PolicySourceArn, the Action/Resource patterns its policies allow and, optionally, those a
/// Deny statement names (the simulator's verdicts: a deny wins, an action nothing allows is an implicit deny).
/// </summary>
internal sealed class IamHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } =
        ["GetRole", "SimulatePrincipalPolicy", "ListAttachedRolePolicies", "ListRolePolicies", "GetRolePolicy", "GetPolicy", "GetPolicyVersion"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "GetRole" => GetRole(request),
        "SimulatePrincipalPolicy" => SimulatePrincipalPolicy(request),
        "ListAttachedRolePolicies" => Listed(request, "AttachedPolicies", Detail(request)["AttachedManagedPolicies"] as JsonArray),
        "ListRolePolicies" => Listed(request, "PolicyNames", [.. (Detail(request)["RolePolicyList"] as JsonArray ?? []).Select(p => (JsonNode?)JsonValue.Create(p.Str("PolicyName")))]),
        "GetRolePolicy" => GetRolePolicy(request),
        "GetPolicy" => Resources.Output(("Policy", ManagedPolicy(request).Without("PolicyVersionList"))),
        "GetPolicyVersion" => GetPolicyVersion(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject GetRole(ServiceRequest request)
    {
        var name = request.Required("RoleName");
        var role = request.Items("iam", "Roles").FirstOrDefault(r => r.Str("RoleName") == name)
            ?? throw new AwsError("NoSuchEntity", $"The role with name {name} cannot be found.", HttpStatusCode.NotFound);
        var copy = role.DeepClone().AsObject();
        if (role["AssumeRolePolicyDocument"] is JsonObject document)
        {
            copy["AssumeRolePolicyDocument"] = Uri.EscapeDataString(document.ToJsonString());
        }

        return Resources.Output(("Role", copy));
    }

    /// <summary>The role's RoleDetail entry; a role the scenario lists without one holds no policies.</summary>
    private static JsonObject Detail(ServiceRequest request)
    {
        var name = request.Required("RoleName");
        if (request.Items("iam", "Roles").All(r => r.Str("RoleName") != name))
        {
            throw new AwsError("NoSuchEntity", $"The role with name {name} cannot be found.", HttpStatusCode.NotFound);
        }

        return request.Items("iam", "RoleDetailList").FirstOrDefault(r => r.Str("RoleName") == name) ?? [];
    }

    private static JsonObject Listed(ServiceRequest request, string member, JsonArray? items)
    {
        var (page, next) = Paging.Slice(request, [.. (items ?? []).Select(i => i!.DeepClone())], request.Param("Marker"), request.IntParam("MaxItems"), "InvalidInput");
        return Resources.Output((member, page), ("IsTruncated", next is not null), ("Marker", next));
    }

    private static JsonObject GetRolePolicy(ServiceRequest request)
    {
        var policyName = request.Required("PolicyName");
        var policy = (Detail(request)["RolePolicyList"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => p.Str("PolicyName") == policyName)
            ?? throw new AwsError("NoSuchEntity", $"The role policy with name {policyName} cannot be found.", HttpStatusCode.NotFound);
        return Resources.Output(("RoleName", request.Required("RoleName")), ("PolicyName", policyName), ("PolicyDocument", Encoded(policy["PolicyDocument"])));
    }

    private static JsonObject ManagedPolicy(ServiceRequest request)
    {
        var arn = request.Required("PolicyArn");
        return request.Items("iam", "Policies").FirstOrDefault(p => p.Str("Arn") == arn)
            ?? throw new AwsError("NoSuchEntity", $"Policy {arn} does not exist or is not attachable.", HttpStatusCode.NotFound);
    }

    private static JsonObject GetPolicyVersion(ServiceRequest request)
    {
        var versionId = request.Required("VersionId");
        var version = (ManagedPolicy(request)["PolicyVersionList"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(v => v.Str("VersionId") == versionId)
            ?? throw new AwsError("NoSuchEntity", $"Policy {request.Required("PolicyArn")} version {versionId} does not exist or is not attachable.", HttpStatusCode.NotFound);
        var copy = version.DeepClone().AsObject();
        copy["Document"] = Encoded(version["Document"]);
        return Resources.Output(("PolicyVersion", copy));
    }

    // IAM sends every policy document URL-encoded.
    private static string? Encoded(JsonNode? document) => document switch
    {
        JsonObject json => Uri.EscapeDataString(json.ToJsonString()),
        JsonValue text => Uri.EscapeDataString(text.GetValue<string>()),
        _ => null,
    };

    private static JsonObject SimulatePrincipalPolicy(ServiceRequest request)
    {
        var source = request.Required("PolicySourceArn");
        if (request.Items("iam", "Roles").All(r => r.Str("Arn") != source))
        {
            throw new AwsError("NoSuchEntity", $"The role with ARN {source} cannot be found.", HttpStatusCode.NotFound);
        }

        var actions = request.List("ActionNames.member");
        if (actions.Count == 0)
        {
            throw new AwsError("ValidationError", "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
        }

        var resources = request.List("ResourceArns.member") is { Count: > 0 } given ? given : ["*"];
        var permissions = (request.Scenario.Behaviour["policySimulation"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p.Str("PolicySourceArn") == source).ToList();
        List<JsonObject> Statements(string member) => [.. permissions.SelectMany(p => (p[member] as JsonArray ?? []).OfType<JsonObject>())];
        var allowed = Statements("Allowed");
        var denied = Statements("Denied");
        var results = actions.SelectMany(action => resources.Select(resource =>
        {
            bool Matches(JsonObject statement) => Resources.Glob(statement.Str("Action") ?? "", action) && Resources.Glob(statement.Str("Resource") ?? "", resource);
            var deny = denied.FirstOrDefault(Matches);
            var match = deny ?? allowed.FirstOrDefault(Matches);
            JsonArray matched = match is null ? [] : [new JsonObject { ["SourcePolicyId"] = match.Str("PolicyName"), ["SourcePolicyType"] = "IAM Policy" }];
            return new JsonObject
            {
                ["EvalActionName"] = action,
                ["EvalResourceName"] = resource,
                ["EvalDecision"] = deny is not null ? "explicitDeny" : match is null ? "implicitDeny" : "allowed",
                ["MatchedStatements"] = matched,
                ["MissingContextValues"] = new JsonArray(),
            };
        }));

        var (page, next) = Paging.Slice(request, results, request.Param("Marker"), request.IntParam("MaxItems"), "InvalidInput");
        return Resources.Output(("EvaluationResults", page), ("IsTruncated", next is not null), ("Marker", next));
    }
}
