using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.KeyManagement;

/// <summary>No Allow statement in the key policy grants the key to every principal without a condition.</summary>
public sealed class KeyPolicyHasNoUnconditionedWildcardPrincipal : KeyPolicyControl
{
    public override string Title => "The stack key's policy grants no wildcard principal without a condition on who calls";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Principal \"*\" (or NotPrincipal) without a condition on the caller's account, organisation or ARN, or the calling service, lets any AWS principal in any account use the key as the statement allows, so the key no longer limits who can decrypt the ePHI it protects.";

    public override string Remediation => "In the key policy (policy of aws.kms.Key / aws_kms_key, KeyPolicy of AWS::KMS::Key) replace Principal \"*\" / { AWS = \"*\" } by named principals, or add a Condition that narrows who calls, such as StringEquals kms:CallerAccount = <account> with StringEquals kms:ViaService = <service>.<region>.amazonaws.com (aws:SecureTransport alone does not; replace NotPrincipal in Allow statements by Principal).";

    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(a)(2)(iv)"];

    protected override IEnumerable<Finding> Judge(EvaluationContext context, PolicyDocument policy, string keyArn)
    {
        // NotPrincipal in an Allow grants everyone but the few it names: as open as "*". Only a condition on who calls
        // (account, organisation, principal or source ARN, VPC endpoint, calling service) closes it; aws:SecureTransport
        // or a Not…/…IfExists operator leaves every account in.
        var wildcards = policy.Allows.Where(s => s.EveryPrincipal).ToList();
        var open = wildcards.Where(s => !s.CallerNarrowing.Any()).ToList();
        var evidence = Evidence.Of(
            ("wildcardStatements", wildcards.Count > 0 ? wildcards.Select(Describe) : "none"),
            ("unnarrowed", open.Count > 0 ? open.Select(s => $"{s.Name}: {s.ActionPhrase}") : "none"));
        return open.Count == 0
            ? [Pass(context, keyArn, $"KMS key {context.Key.KeyId}'s policy grants no wildcard principal without a condition on who calls.", evidence)]
            : [Fail(context, keyArn, $"KMS key {context.Key.KeyId}'s policy grants every principal ({string.Join(", ", open.Select(s => s.Name))}) without a condition on who calls.", evidence)];
    }

    private static string Describe(PolicyStatement s)
    {
        var narrowing = string.Join(", ", s.CallerNarrowing.Select(c => c.Key).Distinct());
        return $"{s.Name}{(s.HasNotPrincipal ? " (NotPrincipal)" : "")} (conditions: {string.Join(", ", s.Conditions.Select(c => $"{c.Operator} {c.Key}").Distinct())}; narrowing who calls: {(narrowing.Length > 0 ? narrowing : "none")})";
    }
}
