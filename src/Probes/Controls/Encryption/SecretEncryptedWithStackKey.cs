namespace Verification.Probes.Controls.Encryption;

/// <summary>The database credentials secret is encrypted with the stack's KMS key, not aws/secretsmanager.</summary>
public sealed class SecretEncryptedWithStackKey : Control
{
    public override string Title => "The database secret is encrypted with the stack's KMS key";
    public override string Area => "Encryption";
    public override string Service => "Secrets Manager";
    public override Severity Severity => Severity.High;
    public override string Risk => "With the AWS-managed aws/secretsmanager key, anyone in the account allowed secretsmanager:GetSecretValue can read the database password; the stack key's policy no longer gates it.";
    public override string Remediation => "Set kms_key_id = the kms_key_arn output on the secret (KmsKeyId in CloudFormation); Secrets Manager re-encrypts the current version on update.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.312(a)(1)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.Secret)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var secret = context.Snapshot.Secret.Value!;
        var evidence = Evidence.Of(("KmsKeyId", secret.KmsKeyId ?? "(absent: aws/secretsmanager)"), ("stackKeyId", context.Key.KeyId));
        var replicas = secret.ReplicationStatus.Where(r => !context.Key.IsStackKey(r.KmsKeyId)).Select(r => r.Region ?? "?").ToList();
        if (!context.Key.IsStackKey(secret.KmsKeyId))
        {
            return [Fail(context, secret.ARN, $"Secrets Manager secret {secret.Name} is encrypted with {secret.KmsKeyId ?? "the AWS-managed key aws/secretsmanager"}, not the stack key {context.Key.KeyId}.", evidence)];
        }

        return replicas.Count > 0
            ? [Fail(context, secret.ARN, $"Secrets Manager secret {secret.Name} has replicas in {string.Join(", ", replicas)} encrypted with another key.", evidence)]
            : [Pass(context, secret.ARN, $"Secrets Manager secret {secret.Name} is encrypted with the stack key {context.Key.KeyId}.", evidence)];
    }
}
