using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.KeyManagement;

/// <summary>
/// The key policy lets the regional CloudWatch Logs service principal encrypt with the key for the stack's log groups:
/// the seeds' blocking failure ("The specified KMS key does not exist or is not allowed to be used with Arn ..."),
/// which they "fixed" by dropping log encryption.
/// </summary>
public sealed class KeyPolicyAllowsCloudWatchLogs : KeyPolicyControl
{
    private static readonly string[] Needed = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"];

    public override string Title => "The stack key's policy lets CloudWatch Logs use the key for the stack's log groups";
    public override Severity Severity => Severity.High;
    public override string Risk => "CloudWatch Logs cannot encrypt with the key: creating or associating an encrypted log group fails, and the usual workaround is to drop encryption of logs that carry ePHI.";

    public override string Remediation => "Add a key policy statement (policy of aws.kms.Key / aws_kms_key, KeyPolicy of AWS::KMS::Key) with Principal { Service = \"logs.<region>.amazonaws.com\" }, Action kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*, and Condition ArnLike kms:EncryptionContext:aws:logs:arn = \"arn:aws:logs:<region>:<account>:log-group:*\".";

    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.312(b)"];

    protected override IEnumerable<Finding> Judge(EvaluationContext context, PolicyDocument policy, string keyArn)
    {
        var principal = $"logs.{context.Region}.amazonaws.com";
        var account = AccountOf(keyArn);
        var groups = (context.Snapshot.LogGroups.Value?.Select(g => g.LogGroupName) ?? [context.Snapshot.Outputs.LogGroupName]).OfType<string>().ToList();
        var groupArns = groups.Select(g => $"arn:aws:logs:{context.Region}:{account}:log-group:{g}").ToList();
        var statements = policy.Allows.Where(s => s.ServicePrincipals.Contains(principal, StringComparer.OrdinalIgnoreCase)).ToList();
        var granting = statements.Where(s => Needed.All(s.Covers)).ToList();
        var contexts = granting.SelectMany(s => s.On("kms:EncryptionContext:aws:logs:arn")).ToList();
        var evidence = Evidence.Of(
            ("servicePrincipal", principal),
            ("statements", statements.Count > 0 ? statements.Select(s => s.Name) : null),
            ("statementActions", statements.Count > 0 ? statements.SelectMany(s => s.Actions).Distinct() : null),
            ("kms:EncryptionContext:aws:logs:arn", contexts.Count > 0 ? contexts.Select(c => $"{c.Operator} {string.Join(" | ", c.Values)}") : null),
            ("stackLogGroups", groupArns));
        var keyId = context.Key.KeyId;
        if (statements.Count == 0)
        {
            return [Fail(context, keyArn, $"KMS key {keyId} has no key policy statement for the service principal {principal}, so CloudWatch Logs cannot encrypt the stack's log groups with it.", evidence)];
        }

        if (granting.Count == 0)
        {
            return [Fail(context, keyArn, $"KMS key {keyId}'s policy names {principal} but does not allow all of {string.Join(", ", Needed)}.", evidence)];
        }

        // A statement without the encryption-context condition still works (KeyPolicyServicePrincipalsAreScoped reports it as unscoped).
        var uncovered = groupArns.Where(arn => !granting.Any(s => Admits(s, arn))).ToList();
        return uncovered.Count == 0
            ? [Pass(context, keyArn, $"KMS key {keyId}'s policy lets {principal} use the key for the stack's log groups.", evidence)]
            : [Fail(context, keyArn, $"KMS key {keyId}'s policy lets {principal} use the key only for log groups matching its kms:EncryptionContext:aws:logs:arn condition, which excludes {string.Join(", ", uncovered)}.", evidence)];
    }

    private static bool Admits(PolicyStatement statement, string logGroupArn)
    {
        var conditions = statement.On("kms:EncryptionContext:aws:logs:arn").ToList();
        return conditions.All(c => c.Values.Any(v => c.Operator.Contains("Like", StringComparison.OrdinalIgnoreCase)
            ? Wildcard.Matches(v, logGroupArn)
            : string.Equals(v, logGroupArn, StringComparison.Ordinal)));
    }
}
