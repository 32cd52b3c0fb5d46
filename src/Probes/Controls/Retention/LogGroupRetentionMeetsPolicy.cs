using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Retention;

/// <summary>Every stack log group keeps logs at least as long as the organisation's policy requires.</summary>
public sealed class LogGroupRetentionMeetsPolicy : ResourceControl<LogGroup>
{
    public override string Title => "Stack log groups keep logs for at least the policy's retention period";
    public override string Area => "Retention";
    public override string Service => "CloudWatch Logs";
    public override Severity Severity => Severity.High;
    public override string Risk => "Audit trails expire before an investigation or audit needs them. HIPAA sets no log retention period; the minimum applied is the organisation's policy (default 30 days, runsettings MinLogRetentionDays).";
    public override string Remediation => "Set retention_in_days (RetentionInDays) on the log group to at least the policy minimum, e.g. 30.";
    public override IReadOnlyList<string> Hipaa => ["164.312(b)", "164.308(a)(1)(ii)(D)"];
    protected override string ResourceKind => "stack log group";

    protected override Fetched<List<LogGroup>> Resources(EvaluationContext context) => context.Snapshot.LogGroups;

    protected override string ResourceId(LogGroup resource) => resource.Arn ?? resource.LogGroupName;

    protected override Finding Judge(EvaluationContext context, LogGroup group)
    {
        var minimum = context.Policy.MinLogRetentionDays;
        var evidence = Evidence.Of(("retentionInDays", group.RetentionInDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never expire"),
            ("policyMinimumDays", minimum), ("policyAllowsNeverExpire", context.Policy.AllowNeverExpire), ("policySource", "organisation policy (HIPAA sets no period)"));
        var id = ResourceId(group);
        return group.RetentionInDays switch
        {
            null when context.Policy.AllowNeverExpire => Pass(context, id, $"CloudWatch Logs log group {group.LogGroupName} never expires, which the policy allows.", evidence),
            null => Fail(context, id, $"CloudWatch Logs log group {group.LogGroupName} never expires, which the policy does not allow (it asks for an explicit retention of at least {minimum} days).", evidence),
            var days when days >= minimum => Pass(context, id, $"CloudWatch Logs log group {group.LogGroupName} keeps logs {days} days (policy minimum {minimum}).", evidence),
            var days => Fail(context, id, $"CloudWatch Logs log group {group.LogGroupName} keeps logs only {days} days; the policy minimum is {minimum}.", evidence),
        };
    }
}
