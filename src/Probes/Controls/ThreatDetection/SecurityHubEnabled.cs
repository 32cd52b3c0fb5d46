namespace Verification.Probes.Controls.ThreatDetection;

/// <summary>The account is subscribed to Security Hub in the stack's region.</summary>
/// <remarks>
/// DescribeHub's InvalidAccessException ("not subscribed") is the answer "disabled", a Fail; AccessDeniedException is the
/// caller's missing permission, an Error naming securityhub:DescribeHub. Peers: Prowler's <c>securityhub_enabled</c>
/// (cited under 164.308(a)(1)(ii)(D), (a)(3)(ii)(A), (a)(5)(ii)(C), (a)(6)(i), (a)(6)(ii), (a)(8) and 164.312(b)) and
/// AWS Config's <c>securityhub-enabled</c> (in its HIPAA pack); Steampipe's <c>securityhub_enabled_all_regions</c> asks for every region,
/// this control only the stack's. Which standards are enabled is not judged.
/// </remarks>
public sealed class SecurityHubEnabled : Control
{
    public override string Title => "Security Hub is enabled in the stack's region";
    public override string Area => "Threat detection";
    public override string Service => "Security Hub";
    public override Severity Severity => Severity.Medium;
    public override ControlScope Scope => ControlScope.Account;
    public override string Risk => "Without Security Hub the account's findings (GuardDuty, Config, Inspector) and its continuous best-practice checks are not gathered in one place, so configuration drift and incidents between audits go unreviewed.";
    public override string Remediation => "Add an aws_securityhub_account in the stack's region (AWS::SecurityHub::Hub in CloudFormation), with aws_securityhub_standards_subscription for the AWS Foundational Security Best Practices standard.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(D)", "164.308(a)(8)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.SecurityHub)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var account = context.Snapshot.Caller.Value?.Account ?? "";
        return context.Snapshot.SecurityHub.Value!.Hub is { } hub
            ? [Pass(context, hub.HubArn, $"Security Hub is enabled in {context.Region} (subscribed at {hub.SubscribedAt}).", Evidence.Of(("HubArn", hub.HubArn), ("SubscribedAt", hub.SubscribedAt), ("AutoEnableControls", hub.AutoEnableControls)))]
            : [Fail(context, $"arn:aws:securityhub:{context.Region}:{account}:hub/default", $"Security Hub is not enabled in {context.Region}: the account is not subscribed.", Evidence.Of(("subscribed", false)))];
    }
}
