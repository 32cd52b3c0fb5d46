using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.KeyManagement;

/// <summary>
/// The key policy lets each task definition's execution role decrypt with the stack key, so ECS can inject the database
/// secret: either by naming the role, or by delegating to IAM through the account root (then IAM decides, which
/// EcsExecutionRoleCanReadDbSecret simulates).
/// </summary>
public sealed class KeyPolicyLetsExecutionRoleDecrypt : ResourceControl<TaskDefinition>
{
    public override string Title => "The stack key's policy lets each ECS execution role decrypt with the key";
    public override string Area => "Key management";
    public override string Service => "KMS";
    public override Severity Severity => Severity.High;
    public override string Risk => "ECS cannot decrypt the database secret for the task, so tasks stop at start-up with \"Unable to retrieve secret\" (the seed's failure) and the application is down.";

    public override string Remediation => "Either keep the default key policy statement \"Enable IAM User Permissions\" (Principal { AWS = \"arn:aws:iam::<account>:root\" }, Action kms:*) and grant kms:Decrypt on the key in the execution role's IAM policy, or add a key policy statement naming the execution role (executionRoleArn / execution_role_arn / ExecutionRoleArn) with Action kms:Decrypt.";

    // A failed start is an availability defect, not a weakness of a safeguard: operational.
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS task definition";

    protected override Fetched<List<TaskDefinition>> Resources(EvaluationContext context) => context.Snapshot.TaskDefinitions;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [PolicyDocument.KeyFact(context.Snapshot)];

    protected override string ResourceId(TaskDefinition resource) => resource.TaskDefinitionArn;

    protected override string? NotApplicableBecause(EvaluationContext context, TaskDefinition definition) =>
        definition.ExecutionRoleArn is null ? $"ECS task definition {Name(definition)} has no execution role, so nothing decrypts secrets for it."
        : definition.ContainerDefinitions.All(c => c.Secrets.Count == 0) ? $"ECS task definition {Name(definition)} injects no secrets, so its execution role never decrypts with the key."
        : null;

    protected override string? NoneExpectedBecause(EvaluationContext context) =>
        context.Snapshot.TaskDefinitions.Value is { Count: > 0 } ? "No stack ECS task definition injects secrets through an execution role." : null;

    protected override Finding Judge(EvaluationContext context, TaskDefinition definition)
    {
        var policy = PolicyDocument.OfKey(context.Snapshot).Value!;
        var role = definition.ExecutionRoleArn!;
        var keyArn = context.Snapshot.Key.Value?.Arn ?? context.Snapshot.Outputs.KmsKeyArn;
        var account = Wildcard.AccountOf(keyArn);
        var naming = policy.Allows.Where(s => s.AwsPrincipals.Contains(role, StringComparer.Ordinal) && s.Covers("kms:Decrypt")).ToList();
        var delegating = policy.Allows.Where(s => s.Conditions.Count == 0 && s.Covers("kms:Decrypt")
            && s.AwsPrincipals.Any(p => p == $"arn:aws:iam::{account}:root" || p == account)).ToList();
        var id = definition.TaskDefinitionArn;
        if (naming.Count > 0)
        {
            return Pass(context, id, $"KMS key {context.Key.KeyId}'s policy lets execution role {role} of ECS task definition {Name(definition)} decrypt ({string.Join(", ", naming.Select(s => s.Name))}).",
                Evidence.Of(("executionRoleArn", role), ("statements", naming.Select(s => s.Name)), ("conditions", naming.SelectMany(s => s.Conditions).Select(c => c.Key).Distinct())));
        }

        return delegating.Count > 0
            ? Pass(context, id, $"KMS key {context.Key.KeyId}'s policy delegates to IAM in account {account}, so IAM decides whether execution role {role} of ECS task definition {Name(definition)} may decrypt.",
                Evidence.Of(("executionRoleArn", role), ("statements", delegating.Select(s => s.Name)), ("decision", "delegated to IAM; see EcsExecutionRoleCanReadDbSecret")))
            : Fail(context, id, $"KMS key {context.Key.KeyId}'s policy neither names execution role {role} of ECS task definition {Name(definition)} with kms:Decrypt nor delegates to IAM in account {account}.",
                Evidence.Of(("executionRoleArn", role), ("awsPrincipals", policy.Allows.SelectMany(s => s.AwsPrincipals).Distinct())));
    }

    private static string Name(TaskDefinition definition) => definition.Family is { } family ? $"{family}:{definition.Revision}" : definition.TaskDefinitionArn;
}
