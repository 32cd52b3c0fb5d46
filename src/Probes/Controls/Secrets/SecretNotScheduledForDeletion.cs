namespace Verification.Probes.Controls.Secrets;

/// <summary>The database secret is not scheduled for deletion (the seed's "a secret with this name is already scheduled for deletion").</summary>
public sealed class SecretNotScheduledForDeletion : Control
{
    public override string Title => "The database secret is not scheduled for deletion";
    public override string Area => "Secrets";
    public override string Service => "Secrets Manager";
    public override Severity Severity => Severity.High;
    public override string Risk => "A secret marked for deletion cannot be read: new tasks fail to start, the secret disappears when the recovery window ends, and redeploying a secret with the same name fails until then.";
    public override string Remediation => "Restore it (aws secretsmanager restore-secret --secret-id <arn>) and let the IaC own it; for short-lived stacks set recovery_window_in_days = 0 (RecoveryWindowInDays) so a destroy frees the name at once.";

    // An availability and deployment defect; no Security Rule section applies.
    public override IReadOnlyList<string> Hipaa => [];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.Secret)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var secret = context.Snapshot.Secret.Value!;
        var evidence = Evidence.Of(("DeletedDate", secret.DeletedDate));
        return secret.DeletedDate is { } deleted
            ? [Fail(context, secret.ARN, $"Secrets Manager secret {secret.Name} was scheduled for deletion on {Evidence.Format(deleted)}.", evidence)]
            : [Pass(context, secret.ARN, $"Secrets Manager secret {secret.Name} is not scheduled for deletion.", evidence)];
    }
}
