using System.Text.Json;
using Verification.Probes.Collection;
using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.Secrets;

/// <summary>
/// The database secret's resource policy, if it has one, grants no wildcard principal (Principal "*", AWS "*", or an
/// Allow with NotPrincipal) without a condition on who calls (account, organisation, principal or source ARN, VPC
/// endpoint), by the same narrowing rules as the key policy. No policy passes: access is then by IAM in the account only.
/// Peers: Prowler <c>secretsmanager_not_publicly_accessible</c> (and <c>secretsmanager_has_restrictive_resource_policy</c>),
/// Security Hub SecretsManager policy checks; neither peer's HIPAA mapping lists them. Cited as access control, like
/// KeyPolicyHasNoUnconditionedWildcardPrincipal.
/// </summary>
public sealed class SecretHasNoPublicResourcePolicy : Control
{
    public override string Title => "The database secret's resource policy grants no wildcard principal without a condition on who calls";
    public override string Area => "Secrets";
    public override string Service => "Secrets Manager";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Any AWS principal in any account may read the database password (GetSecretValue), and with it every record in the database.";
    public override string Remediation => "Remove the wildcard statement from the secret's policy (aws_secretsmanager_secret_policy / AWS::SecretsManager::ResourcePolicy), name the roles that read the secret, or narrow it with aws:PrincipalAccount / aws:PrincipalOrgID; set block_public_policy = true so Secrets Manager refuses such a policy.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.308(a)(4)(i)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [Fact.Optional(context.Snapshot.SecretPolicy)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var arn = context.Snapshot.Outputs.DbSecretArn;
        if (context.Snapshot.SecretPolicy.Value is not { } json)
        {
            return [Pass(context, arn, $"Secrets Manager secret {arn} has no resource policy, so only IAM policies in its account grant access.", Evidence.Of(("ResourcePolicy", "none")))];
        }

        PolicyDocument policy;
        try
        {
            policy = PolicyDocument.Parse(json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return [Error(context, arn, $"the resource policy of Secrets Manager secret {arn} is not a policy document ({e.Message}).")];
        }

        var open = policy.Allows.Where(s => s.EveryPrincipal && !s.CallerNarrowing.Any()).ToList();
        var evidence = Evidence.Of(
            ("wildcardStatements", policy.Allows.Where(s => s.EveryPrincipal).Select(s => s.Name)),
            ("unnarrowed", open.Count > 0 ? open.Select(s => $"{s.Name}: {s.ActionPhrase}") : "none"));
        return open.Count == 0
            ? [Pass(context, arn, $"Secrets Manager secret {arn}'s resource policy grants no wildcard principal without a condition on who calls.", evidence)]
            : [Fail(context, arn, $"Secrets Manager secret {arn}'s resource policy grants every principal ({string.Join(", ", open.Select(s => s.Name))}) without a condition on who calls.", evidence)];
    }
}
