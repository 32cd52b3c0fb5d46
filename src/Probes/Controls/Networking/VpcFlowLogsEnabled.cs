namespace Verification.Probes.Controls.Networking;

/// <summary>The stack VPC has an active flow log.</summary>
public sealed class VpcFlowLogsEnabled : Control
{
    public override string Title => "The stack VPC has an active flow log";
    public override string Area => "Network";
    public override string Service => "VPC";
    public override Severity Severity => Severity.High;
    public override string Risk => "Without flow logs there is no record of which addresses connected to the database, cache and tasks, so an intrusion or exfiltration cannot be traced or ruled out.";
    public override string Remediation => "Add an aws_flow_log on the VPC (vpc_id = the stack VPC, traffic_type = \"ALL\") delivering to a CloudWatch log group encrypted with the stack key and kept at least the policy retention.";
    public override IReadOnlyList<string> Hipaa => ["164.312(b)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.FlowLogs)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var vpcId = context.Snapshot.Outputs.VpcId;
        var logs = context.Snapshot.FlowLogs.Value!.Where(f => f.ResourceId == vpcId).ToList();
        var active = logs.FirstOrDefault(f => f.FlowLogStatus == "ACTIVE");
        var evidence = Evidence.Of(("flowLogs", logs.Select(f => $"{f.FlowLogId} {f.FlowLogStatus} {f.TrafficType} → {f.LogDestinationType}")));
        return active is not null
            ? [Pass(context, vpcId, $"VPC {vpcId} has active flow log {active.FlowLogId} ({active.TrafficType} traffic to {active.LogDestinationType}).", evidence)]
            : [Fail(context, vpcId, logs.Count == 0 ? $"VPC {vpcId} has no flow log." : $"VPC {vpcId} has no active flow log ({string.Join(", ", logs.Select(f => $"{f.FlowLogId} is {f.FlowLogStatus}"))}).", evidence)];
    }
}
