namespace Verification.Probes.Controls.KeyManagement;

/// <summary>Automatic rotation of the stack key's material is on.</summary>
public sealed class StackKeyRotationEnabled : Control
{
    public override string Title => "Automatic rotation is enabled on the stack's KMS key";
    public override string Area => "Key management";
    public override string Service => "KMS";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Without rotation one key material protects every ePHI store for the key's whole life, so a compromised material exposes all data ever encrypted with it. KMS also reports rotation off for a key pending deletion.";
    public override string Remediation => "Set enable_key_rotation = true (EnableKeyRotation: true in CloudFormation), optionally rotation_period_in_days (RotationPeriodInDays), on the stack key.";

    // Rotation is part of key management for the encryption mechanism; HIPAA names no period.
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.KeyRotationEnabled)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var arn = context.Snapshot.Key.Value?.Arn ?? context.Snapshot.Outputs.KmsKeyArn;
        var enabled = context.Snapshot.KeyRotationEnabled.Value;
        var evidence = Evidence.Of(("KeyRotationEnabled", enabled), ("KeyState", context.Snapshot.Key.Value?.KeyState));
        return enabled == true
            ? [Pass(context, arn, $"KMS key {context.Key.KeyId} rotates its key material automatically.", evidence)]
            : [Fail(context, arn, $"KMS key {context.Key.KeyId} does not rotate its key material automatically.", evidence)];
    }
}
