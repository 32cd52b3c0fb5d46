using Verification.Probes.Collection;
using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Task and execution roles trust only ecs-tasks.amazonaws.com, and only for this account or its tasks (a narrowing
/// aws:SourceAccount or aws:SourceArn condition: the confused-deputy guard AWS documents for ECS task roles). Peers:
/// Prowler <c>iam_role_cross_service_confused_deputy_prevention</c> (no HIPAA mapping); AWS Config and Steampipe have no
/// equivalent. Cited as access control, 164.312(a)(1).
/// </summary>
public sealed class EcsTaskRoleTrustIsScoped : TaskRoleControl
{
    private const string EcsTasks = "ecs-tasks.amazonaws.com";

    public override string Title => "ECS task and execution roles trust only ecs-tasks.amazonaws.com, scoped by aws:SourceAccount or aws:SourceArn";
    public override Severity Severity => Severity.High;
    public override string Risk => "A trust policy open to other principals lets them assume the role directly; one that trusts ECS without a source condition lets a task in another account that names this role's ARN act as it (the confused deputy).";
    public override string Remediation => "Set the role's assume_role_policy to one Allow of sts:AssumeRole for Service ecs-tasks.amazonaws.com with a Condition ArnLike aws:SourceArn arn:aws:ecs:REGION:ACCOUNT:* or StringEquals aws:SourceAccount ACCOUNT, and nothing else.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)"];

    protected override Finding Judge(EvaluationContext context, string roleArn, string roleName, RolePolicies role)
    {
        if (role.Role.AssumeRolePolicyDocument is not { } text)
        {
            return Unreported(context, roleArn, $"IAM role {roleName}", "AssumeRolePolicyDocument");
        }

        var problems = new List<string>();
        foreach (var statement in PolicyDocument.Parse(text).Allows)
        {
            if (statement.EveryPrincipal || statement.AwsPrincipals.Count > 0 || statement.ServicePrincipals.Any(p => p != EcsTasks))
            {
                problems.Add($"statement {statement.Name} trusts {string.Join(", ", statement.AwsPrincipals.Concat(statement.ServicePrincipals).DefaultIfEmpty("every principal"))}");
            }
            else if (!statement.CallerNarrowing.Any(c => c.Key.Equals("aws:SourceAccount", StringComparison.OrdinalIgnoreCase) || c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"statement {statement.Name} trusts {EcsTasks} without an aws:SourceAccount or aws:SourceArn condition");
            }
        }

        var evidence = Evidence.Of(("AssumeRolePolicyDocument", text), ("problems", problems));
        return problems.Count == 0
            ? Pass(context, roleArn, $"IAM role {roleName} trusts only {EcsTasks}, scoped to its source.", evidence)
            : Fail(context, roleArn, $"IAM role {roleName}'s trust policy is not scoped: {string.Join("; ", problems)}.", evidence);
    }
}
