using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Audit;

/// <summary>
/// AWS Config records configuration changes in the region, and its last delivery succeeded. Peers: Prowler
/// <c>config_recorder_all_regions_enabled</c> (164.308(a)(1)(ii)(A)), which also asks for every region and a recorder of
/// all resource types; AWS Config itself has no rule for its own recorder (the conformance pack cannot run without one).
/// This control judges the stack's region; whether the recorder covers all types is shown as evidence, not judged.
/// </summary>
public sealed class AwsConfigRecording : Control
{
    public override string Title => "AWS Config records configuration changes in the stack's region";
    public override string Area => "Audit";
    public override string Service => "AWS Config";
    public override Severity Severity => Severity.Medium;
    public override ControlScope Scope => ControlScope.Account;
    public override string Risk => "Without a recording configuration recorder there is no history of how the stack's resources were configured, so a risk analysis cannot show when a security group opened or encryption was turned off, nor for how long.";
    public override string Remediation => "Add an aws_config_configuration_recorder (recording_group { all_supported = true }), an aws_config_delivery_channel and an aws_config_configuration_recorder_status with is_enabled = true (AWS::Config::ConfigurationRecorder and DeliveryChannel), and fix the delivery error the evidence names.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(A)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) =>
        [Fact.Of(context.Snapshot.Account.ConfigurationRecorders), Fact.Of(context.Snapshot.Account.ConfigurationRecordersStatus)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var recorders = context.Snapshot.Account.ConfigurationRecorders.Value!;
        var statuses = context.Snapshot.Account.ConfigurationRecordersStatus.Value!;
        var resource = $"arn:aws:config:{context.Region}:{context.Snapshot.Caller.Value?.Account ?? "unknown"}:configuration-recorder/*";
        if (recorders.Count == 0)
        {
            return [Fail(context, resource, $"AWS Config has no configuration recorder in {context.Region}, so configuration changes are not recorded.")];
        }

        var judged = recorders.Select(r => (Recorder: r, Status: statuses.FirstOrDefault(s => s.Name == r.Name))).ToList();
        if (judged.FirstOrDefault(j => j.Status is { Recording: true, LastStatus: "SUCCESS" }) is { Recorder: { } good, Status: { } status })
        {
            return [Pass(context, resource.Replace("*", good.Name, StringComparison.Ordinal), $"AWS Config recorder {good.Name} is recording in {context.Region} and its last delivery succeeded.", Evidence(good, status))];
        }

        if (judged.FirstOrDefault(j => j.Status is { Recording: null }) is { Recorder: { } unreported })
        {
            return [Unreported(context, resource.Replace("*", unreported.Name, StringComparison.Ordinal), $"AWS Config recorder {unreported.Name}", "recording")];
        }

        var (first, firstStatus) = judged[0];
        var state = firstStatus is null ? "has no status" : firstStatus.Recording == true ? $"is recording but its last status is {firstStatus.LastStatus ?? "not reported"}{(firstStatus.LastErrorCode is { } code ? $" ({code})" : "")}" : "is not recording";
        return [Fail(context, resource.Replace("*", first.Name, StringComparison.Ordinal), $"AWS Config recorder {first.Name} {state} in {context.Region}, so configuration changes are not recorded.", Evidence(first, firstStatus))];
    }

    private static IReadOnlyDictionary<string, string?> Evidence(ConfigurationRecorder recorder, ConfigurationRecorderStatus? status) =>
        Controls.Evidence.Of(("recording", status?.Recording), ("lastStatus", status?.LastStatus), ("lastErrorCode", status?.LastErrorCode), ("allSupported", recorder.RecordingGroup?.AllSupported));
}
