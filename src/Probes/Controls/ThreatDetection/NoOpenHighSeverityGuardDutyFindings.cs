using Verification.Probes.Aws.GuardDuty;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.ThreatDetection;

/// <summary>No unarchived GuardDuty finding of high or critical severity (7.0 or more) concerns a stack resource.</summary>
/// <remarks>
/// Judged per stack, not per account: the findings are matched to the stack's own DB instances, Aurora clusters and ECS
/// clusters (the rest of the account's findings are counted as evidence only). Peers: Prowler's
/// <c>guardduty_no_high_severity_findings</c> (164.308(a)(6)(ii)) fails on any high finding anywhere in the account; AWS
/// Config has no finding-level rule (its HIPAA pack stops at <c>guardduty-enabled-centralized</c>) and
/// <c>guardduty-non-archived-findings</c> counts days open per severity instead. Archiving (suppression) is how a finding
/// is closed after triage, so it is what this control accepts.
/// </remarks>
public sealed class NoOpenHighSeverityGuardDutyFindings : Control
{
    public override string Title => "No unarchived high-severity GuardDuty finding concerns a stack resource";
    public override string Area => "Threat detection";
    public override string Service => "GuardDuty";
    public override Severity Severity => Severity.High;
    public override string Risk => "An open high-severity finding on the database or the ECS cluster is a suspected incident that nobody has triaged: ePHI may be being exfiltrated or the workload run by an attacker.";
    public override string Remediation => "Investigate the finding, respond under the incident procedure, then archive it (or add an aws_guardduty_filter with action ARCHIVE for a triaged false positive); fix the resource through the IaC so the finding does not recur.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) =>
    [
        Fact.Of(context.Snapshot.GuardDutyDetectors), Fact.Of(context.Snapshot.GuardDutyFindings),
        Fact.Of(context.Snapshot.DBInstances), Fact.Of(context.Snapshot.DBClusters), Fact.Of(context.Snapshot.EcsClusters),
    ];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var snapshot = context.Snapshot;
        var vpc = snapshot.Outputs.VpcId;
        if (snapshot.GuardDutyDetectors.Value!.Count == 0)
        {
            return [NotApplicable(context, vpc, $"GuardDuty has no detector in {context.Region}, so it raises no findings (GuardDutyEnabledWithRdsAndRuntimeProtection fails).")];
        }

        var instances = snapshot.DBInstances.Value!.Select(i => i.DBInstanceIdentifier).ToHashSet(StringComparer.Ordinal);
        var clusters = snapshot.DBClusters.Value!.Select(c => c.DBClusterIdentifier).ToHashSet(StringComparer.Ordinal);
        var ecs = snapshot.EcsClusters.Value!.Select(c => c.ClusterArn).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var all = snapshot.GuardDutyFindings.Value!.Where(f => f.Archived != true && f.Severity >= AccountCollector.HighSeverity).ToList();
        var onStack = all.Select(f => (Finding: f, Resource: StackResource(f, instances, clusters, ecs))).Where(m => m.Resource is not null).ToList();
        if (onStack.Count == 0)
        {
            return [Pass(context, vpc, $"GuardDuty has no unarchived finding of severity {AccountCollector.HighSeverity} or more on the stack's {instances.Count + clusters.Count} database resources and {ecs.Count} ECS clusters.",
                Evidence.Of(("stackFindings", 0), ("otherHighFindingsInAccount", all.Count)))];
        }

        return onStack.Select(m => Fail(context, m.Resource!,
            $"GuardDuty finding {m.Finding.Type} (severity {GuardDutyClient.Format(m.Finding.Severity ?? 0)}) on {m.Resource} is open: {m.Finding.Title}",
            Evidence.Of(("findingId", m.Finding.Id), ("Type", m.Finding.Type), ("Severity", m.Finding.Severity), ("UpdatedAt", m.Finding.UpdatedAt), ("Arn", m.Finding.Arn))));
    }

    private static string? StackResource(GuardDutyFinding finding, HashSet<string> instances, HashSet<string> clusters, HashSet<string> ecs) =>
        finding.DbInstanceIdentifier is { } instance && instances.Contains(instance) ? $"RDS DB instance {instance}"
        : finding.DbClusterIdentifier is { } cluster && clusters.Contains(cluster) ? $"Aurora cluster {cluster}"
        : finding.EcsClusterArn is { } arn && ecs.Contains(arn) ? $"ECS cluster {arn}"
        : null;
}
