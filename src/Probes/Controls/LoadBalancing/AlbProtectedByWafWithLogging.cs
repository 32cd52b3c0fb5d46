using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.LoadBalancing;

/// <summary>
/// A WAFv2 web ACL filters the ALB's requests and logs what it sees. Peers: AWS Config <c>alb-waf-enabled</c> and
/// <c>wafv2-logging-enabled</c>; Prowler <c>elbv2_waf_acl_attached</c> and <c>wafv2_webacl_logging_enabled</c>, neither
/// mapped to HIPAA by Prowler. Cited here as risk management (the filter) and audit controls (its log).
/// </summary>
public sealed class AlbProtectedByWafWithLogging : AlbAttributeControl
{
    public override string Title => "A WAF web ACL protects the ALB and logs its decisions";
    public override Severity Severity => Severity.High;
    public override string Risk => "Without a web ACL, injection, scanning and credential-stuffing traffic reaches the ePHI application unfiltered; without its log, what the ACL blocked or let through cannot be reviewed.";
    public override string Remediation => "Add an aws_wafv2_web_acl (scope REGIONAL, e.g. the AWSManagedRulesCommonRuleSet), an aws_wafv2_web_acl_association with the ALB's ARN, and an aws_wafv2_web_acl_logging_configuration to a log group named aws-waf-logs-* (AWS::WAFv2::WebACL, WebACLAssociation, LoggingConfiguration).";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(B)", "164.312(b)"];

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context)
    {
        var balancers = (context.Snapshot.LoadBalancers.Value ?? []).Where(lb => lb.Type == "application").ToList();
        var acls = balancers.Select(lb => WebAcl(context, lb)).ToList();
        return [.. acls.Select(a => Fact.Optional(a, "GetWebACLForResource")),
            .. acls.Select(a => a.Value?.ARN).OfType<string>().Select(arn => Fact.Optional(Logging(context, arn), "GetLoggingConfiguration"))];
    }

    protected override Finding Judge(EvaluationContext context, LoadBalancer balancer)
    {
        if (WebAcl(context, balancer).Value is not { } acl)
        {
            return Fail(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} is not associated with any WAF web ACL.", Evidence.Of(("webAcl", null)));
        }

        var logging = Logging(context, acl.ARN).Value;
        var evidence = Evidence.Of(("webAcl", acl.ARN), ("logDestinations", logging?.LogDestinationConfigs));
        return logging is { LogDestinationConfigs.Count: > 0 }
            ? Pass(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} is protected by WAF web ACL {acl.Name}, which logs to {string.Join(", ", logging.LogDestinationConfigs)}.", evidence)
            : Fail(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} is protected by WAF web ACL {acl.Name}, but the web ACL has no logging configuration.", evidence);
    }

    private static Fetched<WebACL> WebAcl(EvaluationContext context, LoadBalancer balancer) =>
        context.Snapshot.WebACLs.TryGetValue(balancer.LoadBalancerArn, out var acl)
            ? acl
            : Fetched<WebACL>.Failed(new CollectionError("wafv2:GetWebACLForResource", "NotCollected", $"the snapshot holds no web ACL answer for {balancer.LoadBalancerName}: the collector never asked", context.Region));

    private static Fetched<LoggingConfiguration> Logging(EvaluationContext context, string aclArn) =>
        context.Snapshot.WebACLLogging.TryGetValue(aclArn, out var logging)
            ? logging
            : Fetched<LoggingConfiguration>.Failed(new CollectionError("wafv2:GetLoggingConfiguration", "NotCollected", $"the snapshot holds no logging answer for web ACL {aclArn}: the collector never asked", context.Region));
}
