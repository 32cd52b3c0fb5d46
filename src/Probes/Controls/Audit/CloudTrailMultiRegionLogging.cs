using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Audit;

/// <summary>
/// A multi-region trail records the account's API activity and delivers it to CloudWatch Logs, where it can be reviewed
/// and alarmed on. Peers: Prowler <c>cloudtrail_multi_region_enabled</c> and <c>cloudtrail_cloudwatch_logging_enabled</c>
/// (both cite 164.308(a)(1)(ii)(D), 164.308(a)(6)(ii), 164.312(b), 164.312(e)(2)(i)); AWS Config <c>multi-region-cloudtrail-enabled</c>
/// and <c>cloud-trail-cloud-watch-logs-enabled</c>. Prowler also requires CloudWatch delivery within the last day; this control
/// reads the configuration and the logging switch, and reports a delivery error as evidence rather than judging its age.
/// </summary>
public sealed class CloudTrailMultiRegionLogging : Control
{
    public override string Title => "A multi-region CloudTrail trail is logging and delivering to CloudWatch Logs";
    public override string Area => "Audit";
    public override string Service => "CloudTrail";
    public override Severity Severity => Severity.High;
    public override ControlScope Scope => ControlScope.Account;
    public override string Risk => "Without a logging multi-region trail, API calls that read or change the stack (a disabled key, a public snapshot, a deleted log group) leave no audit record, or one only for this region, and nobody can review who did what to ePHI systems.";
    public override string Remediation => "Add an aws_cloudtrail with is_multi_region_trail = true, enable_logging = true and cloud_watch_logs_group_arn / cloud_watch_logs_role_arn set (AWS::CloudTrail::Trail IsMultiRegionTrail, IsLogging, CloudWatchLogsLogGroupArn), usually once per account in the security baseline.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(D)", "164.312(b)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context)
    {
        var account = context.Snapshot.Account;
        return account.Trails.Value is { } trails
            ? [Fact.Of(account.Trails), .. Trails.StatusFacts(account, trails.Where(t => t.IsMultiRegionTrail == true))]
            : [Fact.Of(account.Trails)];
    }

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var account = context.Snapshot.Account;
        var trails = account.Trails.Value!;
        var multiRegion = trails.Where(t => t.IsMultiRegionTrail == true).ToList();
        var good = multiRegion.FirstOrDefault(t => Trails.Of(account.TrailStatus, t).Value?.IsLogging == true && t.CloudWatchLogsLogGroupArn is not null);
        if (good is not null)
        {
            var status = Trails.Of(account.TrailStatus, good).Value!;
            return [Pass(context, good.TrailARN ?? good.Name, $"CloudTrail trail {good.Name} logs every region and delivers to CloudWatch Logs ({good.CloudWatchLogsLogGroupArn}).",
                Evidence.Of(("IsMultiRegionTrail", true), ("IsLogging", true), ("CloudWatchLogsLogGroupArn", good.CloudWatchLogsLogGroupArn), ("LatestCloudWatchLogsDeliveryError", status.LatestCloudWatchLogsDeliveryError)))];
        }

        if (trails.FirstOrDefault(t => t.IsMultiRegionTrail is null) is { } unreported)
        {
            return [Unreported(context, unreported.TrailARN ?? unreported.Name, $"CloudTrail trail {unreported.Name}", "IsMultiRegionTrail")];
        }

        var seen = string.Join("; ", trails.Select(t => $"{t.Name}: {(t.IsMultiRegionTrail == true ? "multi-region" : "single-region")}, {(Trails.Of(account.TrailStatus, t).Value?.IsLogging switch { true => "logging", false => "not logging", null => "status not read" })}, {(t.CloudWatchLogsLogGroupArn is null ? "no CloudWatch Logs" : "CloudWatch Logs")}"));
        return [Fail(context, Trails.AccountResource(context), trails.Count == 0
                ? $"CloudTrail has no trail in {context.Region}, so the account's API activity is not recorded."
                : $"CloudTrail has no multi-region trail that is logging and delivering to CloudWatch Logs in {context.Region} ({seen}).",
            Evidence.Of(("trails", trails.Select(t => t.Name).ToList()), ("multiRegionTrails", multiRegion.Select(t => t.Name).ToList())))];
    }
}
