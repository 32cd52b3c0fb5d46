using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.LoadBalancing;

/// <summary>
/// The ALB cannot be deleted by one call or an IaC replacement. Peers: Prowler <c>elbv2_deletion_protection</c>
/// (164.308(a)(1)(ii)(B)); AWS Config <c>elb-deletion-protection-enabled</c>.
/// </summary>
public sealed class AlbDeletionProtectionEnabled : AlbAttributeControl
{
    public override string Title => "The ALB has deletion protection enabled";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "One delete call, or an IaC change that replaces the load balancer, takes the application offline and gives it a new DNS name that clients and certificates do not know.";
    public override string Remediation => "Set enable_deletion_protection = true on the aws_lb (LoadBalancerAttributes deletion_protection.enabled = true in CloudFormation).";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(B)"];

    protected override Finding Judge(EvaluationContext context, LoadBalancer balancer)
    {
        var enabled = Attribute(context, balancer, "deletion_protection.enabled");
        if (enabled is null)
        {
            return Unreported(context, balancer.LoadBalancerArn, $"load balancer {balancer.LoadBalancerName}", "deletion_protection.enabled");
        }

        var evidence = Evidence.Of(("deletion_protection.enabled", enabled));
        return enabled == "true"
            ? Pass(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} has deletion protection enabled.", evidence)
            : Fail(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} has deletion protection off.", evidence);
    }
}
