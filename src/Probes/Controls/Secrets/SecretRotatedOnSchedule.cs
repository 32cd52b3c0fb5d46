using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Secrets;

/// <summary>
/// The database secret's last rotation is within its rotation interval (AutomaticallyAfterDays, plus one day for the
/// rotation window) of the run's time: rotation that is configured but failing (a broken rotation Lambda, no network
/// path to Secrets Manager or the database) shows here, not in SecretRotationEnabled. Enabled but never rotated is a
/// Fail. A cron() schedule has no day count in DescribeSecret, so it is an Error rather than a guess. Peers: Prowler
/// <c>secretsmanager_secret_rotated_periodically</c> (a fixed 90 days), AWS Config
/// <c>secretsmanager-scheduled-rotation-success-check</c> and <c>secretsmanager-secret-periodic-rotation</c>; none is in
/// the peers' HIPAA mappings, which cite rotation being enabled under 164.308(a)(4)(ii)(C) (Prowler) while this suite's
/// SecretRotationEnabled cites password management, 164.308(a)(5)(ii)(D): both are cited.
/// </summary>
public sealed class SecretRotatedOnSchedule : Control
{
    /// <summary>Rotation runs in a window after the due date; a day's grace keeps a rotation in progress from failing.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    public override string Title => "The database secret was rotated on schedule";
    public override string Area => "Secrets";
    public override string Service => "Secrets Manager";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Rotation is configured but not happening: the database password in use is older than the policy says, so a leaked copy stays valid while the configuration reads as compliant.";
    public override string Remediation => "Find why rotation fails (the rotation Lambda's CloudWatch logs; its network path to Secrets Manager and the database; its permission on the stack key), fix it in the IaC (aws_secretsmanager_secret_rotation / AWS::SecretsManager::RotationSchedule), then rotate once by hand (aws secretsmanager rotate-secret).";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(4)(ii)(C)", "164.308(a)(5)(ii)(D)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.Secret)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var secret = context.Snapshot.Secret.Value!;
        var name = secret.Name ?? secret.ARN;
        if (secret.RotationEnabled != true)
        {
            return [NotApplicable(context, secret.ARN, $"Secrets Manager secret {name} does not rotate automatically, so it has no schedule to keep; SecretRotationEnabled fails it.")];
        }

        if (secret.RotationRules?.AutomaticallyAfterDays is not { } days)
        {
            return [Unreported(context, secret.ARN, $"Secrets Manager secret {name}{(secret.RotationRules?.ScheduleExpression is { } expression ? $" (schedule {expression})" : "")}", "RotationRules.AutomaticallyAfterDays")];
        }

        var evidence = Evidence.Of(("LastRotatedDate", secret.LastRotatedDate), ("AutomaticallyAfterDays", days), ("observedAt", context.ObservedAt));
        if (secret.LastRotatedDate is not { } last)
        {
            return [Fail(context, secret.ARN, $"Secrets Manager secret {name} has rotation enabled every {days} days but has never been rotated.", evidence)];
        }

        var due = last + TimeSpan.FromDays(days) + Grace;
        return context.ObservedAt <= due
            ? [Pass(context, secret.ARN, $"Secrets Manager secret {name} was last rotated on {Evidence.Format(last)}, within its {days}-day schedule.", evidence)]
            : [Fail(context, secret.ARN, $"Secrets Manager secret {name} was last rotated on {Evidence.Format(last)}, {(int)(context.ObservedAt - last).TotalDays} days ago, beyond its {days}-day schedule.", evidence)];
    }
}
