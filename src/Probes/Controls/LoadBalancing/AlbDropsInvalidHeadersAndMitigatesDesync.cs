using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.LoadBalancing;

/// <summary>
/// The ALB drops header fields that are not valid HTTP and blocks ambiguous requests (desync mitigation defensive or
/// strictest), closing HTTP request smuggling towards the app. Peers: AWS Config <c>alb-http-drop-invalid-header-enabled</c>
/// and <c>alb-desync-mode-check</c> (two rules); Prowler <c>elbv2_desync_mitigation_mode</c> (fails monitor mode), absent
/// from Prowler's HIPAA mapping. This control requires both settings, and cites integrity of transmitted ePHI.
/// </summary>
public sealed class AlbDropsInvalidHeadersAndMitigatesDesync : AlbAttributeControl
{
    private const string DropKey = "routing.http.drop_invalid_header_fields.enabled";
    private const string DesyncKey = "routing.http.desync_mitigation_mode";

    public override string Title => "The ALB drops invalid HTTP header fields and mitigates desync in defensive or strictest mode";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Invalid headers and ambiguous requests let an attacker smuggle a second request past the load balancer (HTTP desync), poisoning other users' responses or reaching paths the ALB's rules would refuse.";
    public override string Remediation => "Set drop_invalid_header_fields = true and desync_mitigation_mode = \"defensive\" (or \"strictest\") on the aws_lb (LoadBalancerAttributes routing.http.drop_invalid_header_fields.enabled = true, routing.http.desync_mitigation_mode = defensive).";
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(2)(i)"];

    protected override Finding Judge(EvaluationContext context, LoadBalancer balancer)
    {
        var drop = Attribute(context, balancer, DropKey);
        var desync = Attribute(context, balancer, DesyncKey);
        if (drop is null || desync is null)
        {
            return Unreported(context, balancer.LoadBalancerArn, $"load balancer {balancer.LoadBalancerName}", drop is null ? DropKey : DesyncKey);
        }

        var evidence = Evidence.Of((DropKey, drop), (DesyncKey, desync));
        var problems = new[] { drop == "true" ? null : "keeps invalid header fields", desync is "defensive" or "strictest" ? null : $"mitigates desync only in {desync} mode" }.OfType<string>().ToList();
        return problems.Count == 0
            ? Pass(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} drops invalid header fields and mitigates desync in {desync} mode.", evidence)
            : Fail(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {balancer.LoadBalancerName} {string.Join(" and ", problems)}.", evidence);
    }
}
