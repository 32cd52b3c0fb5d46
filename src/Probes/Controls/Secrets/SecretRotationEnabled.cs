namespace Verification.Probes.Controls.Secrets;

/// <summary>The database secret rotates automatically.</summary>
public sealed class SecretRotationEnabled : Control
{
    public override string Title => "The database secret rotates automatically";
    public override string Area => "Secrets";
    public override string Service => "Secrets Manager";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "The database password never changes, so a copy leaked from a task, a log or a laptop stays valid indefinitely.";
    public override string Remediation => "Add a rotation configuration (aws.secretsmanager.SecretRotation / aws_secretsmanager_secret_rotation / AWS::SecretsManager::RotationSchedule) with a rotation Lambda and rotation_rules { automatically_after_days = 30 }, or let RDS manage the master password (manage_master_user_password = true).";

    // Password management: procedures for changing passwords.
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(5)(ii)(D)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Of(context.Snapshot.Secret)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var secret = context.Snapshot.Secret.Value!;
        var evidence = Evidence.Of(("RotationEnabled", secret.RotationEnabled));
        return secret.RotationEnabled == true
            ? [Pass(context, secret.ARN, $"Secrets Manager secret {secret.Name} rotates automatically.", evidence)]
            : [Fail(context, secret.ARN, $"Secrets Manager secret {secret.Name} does not rotate automatically.", evidence)];
    }
}
