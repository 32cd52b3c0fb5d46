using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.LoadBalancing;

/// <summary>A control over the stack's application load balancers and their DescribeLoadBalancerAttributes answer.</summary>
public abstract class AlbAttributeControl : ResourceControl<LoadBalancer>
{
    public override string Area => "Load balancer";
    public override string Service => "Elastic Load Balancing";
    protected override string ResourceKind => "application load balancer";

    protected override Fetched<List<LoadBalancer>> Resources(EvaluationContext context) => context.Snapshot.LoadBalancers;

    protected override string ResourceId(LoadBalancer resource) => resource.LoadBalancerArn;

    protected override string? NotApplicableBecause(EvaluationContext context, LoadBalancer resource) =>
        resource.Type == "application" ? null : $"{resource.LoadBalancerName} is a {resource.Type ?? "untyped"} load balancer, not an application load balancer.";

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        (context.Snapshot.LoadBalancers.Value ?? []).Where(lb => lb.Type == "application").Select(lb => Fact.Of(Attributes(context, lb), "DescribeLoadBalancerAttributes"));

    /// <summary>The attributes of <paramref name="balancer"/>; never collected is an error, not "no attributes".</summary>
    protected static Fetched<List<LoadBalancerAttribute>> Attributes(EvaluationContext context, LoadBalancer balancer) =>
        context.Snapshot.LoadBalancerAttributes.TryGetValue(balancer.LoadBalancerArn, out var attributes)
            ? attributes
            : Fetched<List<LoadBalancerAttribute>>.Failed(new CollectionError("elasticloadbalancing:DescribeLoadBalancerAttributes", "NotCollected", $"the snapshot holds no attributes for {balancer.LoadBalancerName}: the collector never asked", context.Region));

    /// <summary>The value of attribute <paramref name="key"/>, or null when AWS did not send it.</summary>
    protected static string? Attribute(EvaluationContext context, LoadBalancer balancer, string key) =>
        Attributes(context, balancer).Value?.FirstOrDefault(a => a.Key == key)?.Value;
}
