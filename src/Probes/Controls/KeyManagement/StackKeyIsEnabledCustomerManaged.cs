namespace Verification.Probes.Controls.KeyManagement;

/// <summary>The stack key is a customer managed key that is enabled: not disabled, not pending deletion.</summary>
public sealed class StackKeyIsEnabledCustomerManaged : Control
{
    public override string Title => "The stack's KMS key is an enabled customer managed key";
    public override string Area => "Key management";
    public override string Service => "KMS";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Every ePHI store is encrypted with this key: disabled, nothing can be decrypted; pending deletion, the data becomes unrecoverable when the waiting period ends; an AWS managed key cannot carry the stack's key policy.";

    public override string Remediation => "Cancel a scheduled deletion (aws kms cancel-key-deletion, then enable-key), enable a disabled key, and declare the key as a customer managed key in the IaC (aws.kms.Key / aws_kms_key / AWS::KMS::Key with is_enabled = true / Enabled: true and a deletion_window_in_days / PendingWindowInDays that leaves time to notice).";

    // Deleting the key destroys every ciphertext it protects: improper destruction of ePHI as well as loss of the encryption mechanism.
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.312(c)(1)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.Key)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var key = context.Snapshot.Key.Value!;
        var evidence = Evidence.Of(("KeyState", key.KeyState), ("Enabled", key.Enabled), ("KeyManager", key.KeyManager), ("DeletionDate", key.DeletionDate));
        if (key.Enabled is null)
        {
            return [Unreported(context, key.Arn, $"KMS key {key.KeyId}", "Enabled")];
        }

        var problem = key.KeyState switch
        {
            "PendingDeletion" => $"is scheduled for deletion{(key.DeletionDate is { } when ? $" on {Evidence.Format(when)}" : "")}",
            "PendingReplicaDeletion" => "is scheduled for deletion (replica)",
            "Disabled" => "is disabled",
            _ when key.Enabled == false => $"is not enabled (KeyState {key.KeyState ?? "absent"})",
            _ when key.KeyManager != "CUSTOMER" => $"is managed by {key.KeyManager ?? "an unknown owner"}, not the customer",
            _ => null,
        };
        return problem is null
            ? [Pass(context, key.Arn, $"KMS key {key.KeyId} is an enabled customer managed key.", evidence)]
            : [Fail(context, key.Arn, $"KMS key {key.KeyId} {problem}.", evidence)];
    }
}
