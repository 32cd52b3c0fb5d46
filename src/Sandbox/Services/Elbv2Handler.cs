using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>Elastic Load Balancing v2 (Query, 2015-12-01). Scenario keys: LoadBalancers (each with its Attributes, served by DescribeLoadBalancerAttributes only), Listeners.</summary>
internal sealed class Elbv2Handler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeLoadBalancers", "DescribeListeners", "DescribeLoadBalancerAttributes"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeLoadBalancers" => DescribeLoadBalancers(request),
        "DescribeListeners" => DescribeListeners(request),
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

    private static JsonObject Page(ServiceRequest request, string member, IEnumerable<JsonObject> items)
    {
        // ELBv2 takes Marker and PageSize in, and answers NextMarker after the list.
        var (page, next) = Paging.Slice(request, items, request.Param("Marker"), request.IntParam("PageSize"), "ValidationError");
        return Resources.Output((member, page), ("NextMarker", next));
    }
}
