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

    public override IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        var arn = context.Snapshot.Key.Value?.Arn ?? context.Snapshot.Outputs.KmsKeyArn;
        if (context.Snapshot.KeyRotationEnabled.Error is { } error)
        {
            return [Error(context, arn, error)];
        }

        var enabled = context.Snapshot.KeyRotationEnabled.Value;
        var evidence = Evidence.Of(("KeyRotationEnabled", enabled), ("KeyState", context.Snapshot.Key.Value?.KeyState));
        return enabled
            ? [Pass(context, arn, $"KMS key {context.Key.KeyId} rotates its key material automatically.", evidence)]
            : [Fail(context, arn, $"KMS key {context.Key.KeyId} does not rotate its key material automatically.", evidence)];
    }
}
