using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.ThreatDetection;

/// <summary>GuardDuty is enabled in the stack's region with RDS login monitoring and ECS Fargate runtime monitoring.</summary>
/// <remarks>
/// Features are read by the model's names: RDS_LOGIN_EVENTS (RDS Protection) and RUNTIME_MONITORING with its additional
/// configuration ECS_FARGATE_AGENT_MANAGEMENT (GuardDuty manages the security agent on the stack's Fargate tasks; without
/// it the agent must be added to every task definition by hand, which this suite cannot see). Peers: Prowler's
/// <c>guardduty_is_enabled</c> (cited under 164.308(a)(1)(ii)(A), (D), (a)(3)(ii)(A), (a)(5)(ii)(C), (a)(6)(i), (a)(6)(ii),
/// (a)(8), 164.312(b) and (e)(2)(i)) and AWS Config's <c>guardduty-enabled-centralized</c> only ask for an enabled
/// detector; Prowler's separate <c>guardduty_rds_protection_enabled</c> and <c>guardduty_ecs_runtime_monitoring_enabled</c>
/// are in none of the HIPAA mappings. This control cites the narrower three the seeds name: activity review, log-in
/// monitoring (RDS login events) and incident response.
/// </remarks>
public sealed class GuardDutyEnabledWithRdsAndRuntimeProtection : Control
{
    private const string Rds = "RDS_LOGIN_EVENTS";
    private const string Runtime = "RUNTIME_MONITORING";
    private const string Fargate = "ECS_FARGATE_AGENT_MANAGEMENT";

    public override string Title => "GuardDuty is enabled in the stack's region with RDS Protection and ECS Fargate Runtime Monitoring";
    public override string Area => "Threat detection";
    public override string Service => "GuardDuty";
    public override Severity Severity => Severity.High;
    public override ControlScope Scope => ControlScope.Account;
    public override string Risk => "Without GuardDuty nobody is told of credential misuse, brute-forced or anomalous database log-ins, or a compromised container reaching out to a command-and-control host, so an intrusion into the ePHI stores goes unnoticed.";
    public override string Remediation => "Add an aws_guardduty_detector (enable = true) and aws_guardduty_detector_feature resources RDS_LOGIN_EVENTS (status ENABLED) and RUNTIME_MONITORING (status ENABLED, additional_configuration { name = \"ECS_FARGATE_AGENT_MANAGEMENT\", status = \"ENABLED\" }) in the stack's region (AWS::GuardDuty::Detector Features in CloudFormation).";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(C)", "164.308(a)(6)(ii)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.GuardDutyDetectors)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var account = context.Snapshot.Caller.Value?.Account ?? "";
        var detectors = context.Snapshot.GuardDutyDetectors.Value!;
        if (detectors.Count == 0)
        {
            return [Fail(context, $"arn:aws:guardduty:{context.Region}:{account}:detector", $"GuardDuty has no detector in {context.Region}: it is not enabled.", Evidence.Of(("detectorIds", Array.Empty<string>())))];
        }

        return detectors.Select(d => Judge(context, d, $"arn:aws:guardduty:{context.Region}:{account}:detector/{d.DetectorId}"));
    }

    private Finding Judge(EvaluationContext context, GuardDutyDetector detector, string arn)
    {
        var name = $"GuardDuty detector {detector.DetectorId}";
        if (detector.Detector.Status is null)
        {
            return Unreported(context, arn, name, "status");
        }

        if (detector.Detector.Features is not { } features)
        {
            return Unreported(context, arn, name, "features");
        }

        var rds = features.FirstOrDefault(f => f.Name == Rds);
        var runtime = features.FirstOrDefault(f => f.Name == Runtime);
        var fargate = runtime?.AdditionalConfiguration.FirstOrDefault(c => c.Name == Fargate);
        var evidence = Evidence.Of(
            ("status", detector.Detector.Status),
            ("features", features.Select(f => $"{f.Name}={f.Status}{string.Concat(f.AdditionalConfiguration.Select(c => $" {c.Name}={c.Status}"))}")));
        var missing = new List<string>();
        if (detector.Detector.Status != "ENABLED")
        {
            missing.Add($"the detector is {detector.Detector.Status}");
        }

        if (rds?.Status != "ENABLED")
        {
            missing.Add($"{Rds} is {rds?.Status ?? "absent"}");
        }

        if (runtime?.Status != "ENABLED")
        {
            missing.Add($"{Runtime} is {runtime?.Status ?? "absent"}");
        }
        else if (fargate?.Status != "ENABLED")
        {
            missing.Add($"{Runtime}'s {Fargate} is {fargate?.Status ?? "absent"}");
        }

        return missing.Count == 0
            ? Pass(context, arn, $"{name} is enabled in {context.Region} with {Rds} and {Runtime} ({Fargate}) on.", evidence)
            : Fail(context, arn, $"{name} in {context.Region} does not protect the stack: {string.Join("; ", missing)}.", evidence);
    }
}
