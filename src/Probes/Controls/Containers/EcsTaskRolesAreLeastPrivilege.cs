using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Task and execution roles hold no administrator policy, allow no <c>*</c> action, and allow no sensitive action on
/// every resource. The execution role's GetSecretValue on the stack secret and kms:Decrypt on the stack key are scoped
/// to those ARNs and pass (EcsExecutionRoleCanReadDbSecret proves they work). Peers: Prowler
/// <c>iam_aws_attached_policy_no_administrative_privileges</c>, <c>iam_inline_policy_no_administrative_privileges</c>,
/// <c>iam_role_administratoraccess_policy</c>; AWS Config <c>iam-policy-no-statements-with-admin-access</c>,
/// <c>iam-inline-policy-blocked-kms-actions</c>, <c>iam-customer-policy-blocked-kms-actions</c>; Steampipe
/// <c>iam_policy_no_star_star</c>. Prowler's HIPAA mapping cites 164.308(a)(3)(i), 164.308(a)(4)(i) and 164.312(a)(1);
/// Steampipe's adds 164.308(a)(4)(ii)(C); none of them judges a role by what its task needs.
/// </summary>
public sealed class EcsTaskRolesAreLeastPrivilege : TaskRoleControl
{
    // AWS managed policies that make a task an administrator of the account or of a service holding ePHI.
    private static readonly string[] AdministratorPolicies =
        ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess", "SecretsManagerReadWrite", "AWSKeyManagementServicePowerUser", "AmazonRDSFullAccess", "AmazonECS_FullAccess"];

    // Actions that read ePHI or credentials, or change who may: never on every resource.
    private static readonly string[] SensitiveActions = ["kms:Decrypt", "secretsmanager:GetSecretValue"];
    private static readonly string[] SensitiveServices = ["kms", "s3", "iam", "secretsmanager"];

    public override string Title => "ECS task and execution roles hold no administrator policy, no * action and no sensitive action on every resource";
    public override Severity Severity => Severity.High;
    public override string Risk => "Anyone who runs code in the container (a vulnerable dependency, an SSRF to the task metadata endpoint) gets the role's credentials: with * actions, an administrator policy or secret and key access on every resource, one compromised task reads every secret and ePHI store of the account.";
    public override string Remediation => "Grant the task role only the actions the application calls, on the stack's own ARNs (aws_iam_role_policy with Resource = the bucket, secret or key ARN); attach AmazonECSTaskExecutionRolePolicy plus GetSecretValue on db_secret_arn and kms:Decrypt on kms_key_arn to the execution role, and detach AdministratorAccess, PowerUserAccess, IAMFullAccess and other *FullAccess policies.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(3)(i)", "164.308(a)(4)(i)", "164.312(a)(1)"];

    protected override Finding Judge(EvaluationContext context, string roleArn, string roleName, RolePolicies role)
    {
        var problems = new List<string>();
        problems.AddRange(role.Attached.Where(p => AdministratorPolicies.Contains(p.PolicyName, StringComparer.Ordinal) && (p.PolicyArn ?? "").StartsWith("arn:aws:iam::aws:policy/", StringComparison.Ordinal))
            .Select(p => $"administrator policy {p.PolicyName} is attached"));
        foreach (var (source, document) in Documents(role))
        {
            foreach (var statement in document.Allows)
            {
                var everyResource = statement.Resources.Contains("*") || statement.NotResources.Count > 0;
                if (statement.NotActions.Count > 0)
                {
                    problems.Add($"{source} statement {statement.Name} allows {statement.ActionPhrase}");
                }
                else if (statement.Actions.Any(a => a is "*" or "*:*"))
                {
                    problems.Add($"{source} statement {statement.Name} allows every action");
                }
                else if (everyResource && (SensitiveActions.Where(statement.Covers).Concat(SensitiveServices.Where(statement.CoversEveryActionOf).Select(s => $"{s}:*")).ToList() is { Count: > 0 } sensitive))
                {
                    problems.Add($"{source} statement {statement.Name} allows {string.Join(", ", sensitive)} on every resource");
                }
            }
        }

        var evidence = Evidence.Of(("AttachedPolicies", role.Attached.Select(p => p.PolicyArn).ToList()), ("InlinePolicies", role.Inline.Select(p => p.PolicyName).ToList()), ("problems", problems));
        return problems.Count == 0
            ? Pass(context, roleArn, $"IAM role {roleName} holds no administrator policy, no * action and no sensitive action on every resource.", evidence)
            : Fail(context, roleArn, $"IAM role {roleName} is over-privileged: {string.Join("; ", problems)}.", evidence);
    }
}
