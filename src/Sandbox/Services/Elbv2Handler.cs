using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// Elastic Load Balancing v2 (Query, 2015-12-01). Scenario keys: LoadBalancers (each with its Attributes, served by
/// DescribeLoadBalancerAttributes only), Listeners, Rules (as the wire's Rule: its listener is the one its RuleArn names,
/// listener-rule/app/NAME/LB/LISTENER/RULE). Every listener also answers its default rule, made from its DefaultActions
/// as ELB does.
/// </summary>
internal sealed class Elbv2Handler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeLoadBalancers", "DescribeListeners", "DescribeRules", "DescribeLoadBalancerAttributes"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeLoadBalancers" => DescribeLoadBalancers(request),
        "DescribeListeners" => DescribeListeners(request),
        "DescribeRules" => DescribeRules(request),
        "DescribeLoadBalancerAttributes" => DescribeLoadBalancerAttributes(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject DescribeLoadBalancers(ServiceRequest request)
    {
        var arns = request.List("LoadBalancerArns.member");
        var names = request.List("Names.member");
        var balancers = request.Items("elasticloadbalancing", "LoadBalancers").Select(b => b.Without("Attributes")).ToList();
        if (arns.Count > 0 || names.Count > 0)
        {
            balancers = balancers.Where(b => arns.Contains(b.Str("LoadBalancerArn") ?? "") || names.Contains(b.Str("LoadBalancerName") ?? "")).ToList();
            if (balancers.Count != arns.Count + names.Count)
            {
                throw new AwsError("LoadBalancerNotFound", "One or more load balancers not found");
            }
        }

        return Page(request, "LoadBalancers", balancers);
    }

    private static JsonObject DescribeLoadBalancerAttributes(ServiceRequest request)
    {
        var arn = request.Required("LoadBalancerArn");
        var balancer = request.Items("elasticloadbalancing", "LoadBalancers").FirstOrDefault(b => b.Str("LoadBalancerArn") == arn)
            ?? throw new AwsError("LoadBalancerNotFound", $"Load balancer '{arn}' not found");
        return Resources.Output(("Attributes", balancer["Attributes"]?.DeepClone() ?? new JsonArray()));
    }

    private static JsonObject DescribeListeners(ServiceRequest request)
    {
        var balancer = request.Param("LoadBalancerArn");
        var arns = request.List("ListenerArns.member");
        if (balancer is null && arns.Count == 0)
        {
            throw new AwsError("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
        }

        if (balancer is not null && request.Items("elasticloadbalancing", "LoadBalancers").All(b => b.Str("LoadBalancerArn") != balancer))
        {
            throw new AwsError("LoadBalancerNotFound", $"Load balancer '{balancer}' not found");
        }

        var listeners = request.Items("elasticloadbalancing", "Listeners")
            .Where(l => (balancer is null || l.Str("LoadBalancerArn") == balancer) && (arns.Count == 0 || arns.Contains(l.Str("ListenerArn") ?? "")))
            .ToList();
        if (arns.Count > 0 && listeners.Count != arns.Count)
        {
            throw new AwsError("ListenerNotFound", "One or more listeners not found");
        }

        return Page(request, "Listeners", listeners);
    }

    private static JsonObject DescribeRules(ServiceRequest request)
    {
        var listenerArn = request.Param("ListenerArn");
        var arns = request.List("RuleArns.member");
        if (listenerArn is null && arns.Count == 0)
        {
            throw new AwsError("ValidationError", "You must specify either listener ARN or rule ARNs");
        }

        var listeners = request.Items("elasticloadbalancing", "Listeners").ToList();
        if (listenerArn is not null && listeners.All(l => l.Str("ListenerArn") != listenerArn))
        {
            throw new AwsError("ListenerNotFound", $"Listener '{listenerArn}' not found");
        }

        // Rules in priority order, then each listener's default rule, as ELB lists them.
        var rules = request.Items("elasticloadbalancing", "Rules")
            .OrderBy(r => int.TryParse(r.Str("Priority"), System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : int.MaxValue)
            .Select(r => (Listener: ListenerOf(r.Str("RuleArn")), Rule: r))
            .Concat(listeners.Select(l => (Listener: l.Str("ListenerArn"), Rule: DefaultRule(l))))
            .Where(r => (listenerArn is null || r.Listener == listenerArn) && (arns.Count == 0 || arns.Contains(r.Rule.Str("RuleArn") ?? "")))
            .Select(r => r.Rule)
            .ToList();
        if (arns.Count > 0 && rules.Count != arns.Count)
        {
            throw new AwsError("RuleNotFound", "One or more rules not found");
        }

        return Page(request, "Rules", rules);
    }

    private static JsonObject DefaultRule(JsonObject listener) => Resources.Output(
        ("RuleArn", (listener.Str("ListenerArn") ?? "").Replace(":listener/", ":listener-rule/", StringComparison.Ordinal) + "/default0000000000"),
        ("Priority", "default"),
        ("Conditions", new JsonArray()),
        ("Actions", listener["DefaultActions"]?.DeepClone() ?? new JsonArray()),
        ("IsDefault", true));

    private static JsonObject Page(ServiceRequest request, string member, IEnumerable<JsonObject> items)
    {
        // ELBv2 takes Marker and PageSize in, and answers NextMarker after the list.
        var (page, next) = Paging.Slice(request, items, request.Param("Marker"), request.IntParam("PageSize"), "ValidationError");
        return Resources.Output((member, page), ("NextMarker", next));
    }

    /// <summary>The listener ARN a rule ARN names: the rule ARN without its last segment, as listener/ not listener-rule/.</summary>
    private static string? ListenerOf(string? ruleArn)
    {
        var slash = ruleArn?.LastIndexOf('/') ?? -1;
        return slash < 0 ? null : ruleArn![..slash].Replace(":listener-rule/", ":listener/", StringComparison.Ordinal);
    }
}
