namespace Verification.Probes.Controls.KeyManagement;

/// <summary>No Allow statement in the key policy grants the key to every principal without a condition.</summary>
public sealed class KeyPolicyHasNoUnconditionedWildcardPrincipal : KeyPolicyControl
{
    public override string Title => "The stack key's policy grants no wildcard principal without a condition";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Principal \"*\" without a condition lets any AWS principal in any account use the key as the statement allows, so the key no longer limits who can decrypt the ePHI it protects.";

    public override string Remediation => "In the key policy (policy of aws.kms.Key / aws_kms_key, KeyPolicy of AWS::KMS::Key) replace Principal \"*\" / { AWS = \"*\" } by named principals, or add a Condition such as kms:CallerAccount = <account> with kms:ViaService = <service>.<region>.amazonaws.com.";

    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(a)(2)(iv)"];

    protected override IEnumerable<Finding> Judge(EvaluationContext context, KeyPolicy policy, string keyArn)
    {
        var wildcards = policy.Allows.Where(s => s.AnyPrincipal).ToList();
        var open = wildcards.Where(s => s.Conditions.Count == 0).ToList();
        var evidence = Evidence.Of(
            ("wildcardStatements", wildcards.Count > 0 ? wildcards.Select(s => $"{s.Name} (conditions: {string.Join(", ", s.Conditions.Select(c => c.Key).Distinct())})") : "none"),
            ("unconditioned", open.Count > 0 ? open.Select(s => $"{s.Name}: {string.Join(" ", s.Actions)}") : "none"));
        return open.Count == 0
            ? [Pass(context, keyArn, $"KMS key {context.Key.KeyId}'s policy grants no wildcard principal without a condition.", evidence)]
            : [Fail(context, keyArn, $"KMS key {context.Key.KeyId}'s policy grants every principal ({string.Join(", ", open.Select(s => s.Name))}) without a condition.", evidence)];
    }
}
