using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.KeyManagement;

/// <summary>Every Allow statement that grants the key to an AWS service principal is scoped by a condition (confused-deputy protection).</summary>
public sealed class KeyPolicyServicePrincipalsAreScoped : KeyPolicyControl
{
    // Keys that tie a service's use of the key to this account, resource or calling service.
    private static readonly string[] ScopingKeys = ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "kms:ViaService", "kms:CallerAccount"];

    public override string Title => "Service principals in the stack key's policy are scoped by a source or encryption-context condition";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "A service principal granted the key without a condition lets that service use the key on behalf of any account that asks it to (the confused-deputy problem), e.g. another account's log group encrypting or decrypting with the stack key.";

    public override string Remediation => "Add a Condition to each statement with a Service principal in the key policy (policy of aws.kms.Key / aws_kms_key, KeyPolicy of AWS::KMS::Key): aws:SourceAccount or aws:SourceArn, kms:ViaService, or kms:EncryptionContext:* (ArnLike kms:EncryptionContext:aws:logs:arn for CloudWatch Logs).";

    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)"];

    protected override IEnumerable<Finding> Judge(EvaluationContext context, PolicyDocument policy, string keyArn)
    {
        var granted = policy.Allows.Where(s => s.ServicePrincipals.Count > 0).ToList();
        var unscoped = granted.Where(s => !s.Conditions.Any(IsScoping)).ToList();
        var evidence = Evidence.Of(
            ("serviceStatements", granted.Count > 0 ? granted.Select(s => $"{s.Name}: {string.Join(" ", s.ServicePrincipals)}") : "none"),
            ("unscoped", unscoped.Count > 0 ? unscoped.Select(s => $"{s.Name}: {string.Join(" ", s.ServicePrincipals)}") : "none"));
        var keyId = context.Key.KeyId;
        if (granted.Count == 0)
        {
            return [Pass(context, keyArn, $"KMS key {keyId}'s policy grants the key to no service principal.", evidence)];
        }

        return unscoped.Count == 0
            ? [Pass(context, keyArn, $"KMS key {keyId}'s policy scopes every service principal it grants by a condition.", evidence)]
            : [Fail(context, keyArn, $"KMS key {keyId}'s policy grants {string.Join(", ", unscoped.SelectMany(s => s.ServicePrincipals).Distinct())} without a source or encryption-context condition ({string.Join(", ", unscoped.Select(s => s.Name))}).", evidence)];
    }

    // StringNotEquals aws:SourceAccount or an …IfExists operator lets every other account's resource through.
    private static bool IsScoping(PolicyCondition condition) =>
        condition.Narrows
        && (ScopingKeys.Contains(condition.Key, StringComparer.OrdinalIgnoreCase)
            || condition.Key.StartsWith("kms:EncryptionContext:", StringComparison.OrdinalIgnoreCase));
}
