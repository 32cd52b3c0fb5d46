using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.LoadBalancing;

/// <summary>
/// The ALB writes access logs to an S3 bucket. Peers: Prowler <c>elbv2_logging_enabled</c> (164.308(a)(1)(ii)(D),
/// 164.308(a)(3)(ii)(A), 164.308(a)(6)(ii), 164.312(b)); AWS Config <c>elb-logging-enabled</c>.
/// </summary>
public sealed class AlbAccessLogsEnabled : AlbAttributeControl
{
    public override string Title => "The ALB writes access logs to an S3 bucket";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Without access logs no record shows which clients reached the application, when, and what they asked for, so an attack on the ePHI application cannot be reconstructed.";
    public override string Remediation => "Add access_logs { bucket = <log bucket>, enabled = true } to the aws_lb (LoadBalancerAttributes access_logs.s3.enabled = true and access_logs.s3.bucket in CloudFormation), with a bucket policy that lets the region's ELB account write.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(D)", "164.312(b)"];

    protected override Finding Judge(EvaluationContext context, LoadBalancer balancer)
    {
        var enabled = Attribute(context, balancer, "access_logs.s3.enabled");
        var bucket = Attribute(context, balancer, "access_logs.s3.bucket");
        if (enabled is null)
        {
            return Unreported(context, balancer.LoadBalancerArn, $"load balancer {balancer.LoadBalancerName}", "access_logs.s3.enabled");
        }

        var evidence = Evidence.Of(("access_logs.s3.enabled", enabled), ("access_logs.s3.bucket", bucket), ("access_logs.s3.prefix", Attribute(context, balancer, "access_logs.s3.prefix")));
        return enabled == "true" && !string.IsNullOrEmpty(bucket)
            ? Pass(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} writes access logs to S3 bucket {bucket}.", evidence)
            : Fail(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} writes no access logs (access_logs.s3.enabled = {enabled}).", evidence);
    }
}
