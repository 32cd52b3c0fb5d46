using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// AWS WAFV2 (JSON 1.1, 2019-07-29). Scenario key: WebACLs, each a WebACL plus ResourceArns (what ListResourcesForWebACL
/// would name: the resources it protects) and, when it logs, LoggingConfiguration.
/// </summary>
internal sealed class Wafv2Handler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["GetWebACLForResource", "GetLoggingConfiguration"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "GetWebACLForResource" => GetWebACLForResource(request),
        "GetLoggingConfiguration" => GetLoggingConfiguration(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject GetWebACLForResource(ServiceRequest request)
    {
        var resource = request.RequiredStr("ResourceArn", "WAFInvalidParameterException");
        if (!resource.Contains(":elasticloadbalancing:", StringComparison.Ordinal) && !resource.Contains(":apigateway:", StringComparison.Ordinal)
            && !resource.Contains(":appsync:", StringComparison.Ordinal) && !resource.Contains(":cognito-idp:", StringComparison.Ordinal))
        {
            throw new AwsError("WAFInvalidParameterException", "Error reason: The ARN isn't valid., field: RESOURCE_ARN, parameter: " + resource);
        }

        // A resource no web ACL protects is a 200 without WebACL.
        var acl = request.Items("wafv2", "WebACLs").FirstOrDefault(a => (a["ResourceArns"] as JsonArray ?? []).Any(r => r?.GetValue<string>() == resource));
        return Resources.Output(("WebACL", acl?.Without("ResourceArns", "LoggingConfiguration")));
    }

    private static JsonObject GetLoggingConfiguration(ServiceRequest request)
    {
        var arn = request.RequiredStr("ResourceArn", "WAFInvalidParameterException");
        var acl = request.Items("wafv2", "WebACLs").FirstOrDefault(a => a.Str("ARN") == arn);
        return acl?["LoggingConfiguration"] is JsonObject logging
            ? Resources.Output(("LoggingConfiguration", logging.DeepClone()))
            : throw new AwsError("WAFNonexistentItemException", "AWS WAF couldn’t perform the operation because your resource doesn’t exist.");
    }
}
