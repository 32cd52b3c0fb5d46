using Verification.Probes.Collection;
using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.Containers;

/// <summary>A ResourceControl over the task and execution roles the stack's task definitions name, with their documents read.</summary>
public abstract class TaskRoleControl : ResourceControl<string>
{
    public override string Area => "Containers";
    public override string Service => "IAM";
    protected override string ResourceKind => "ECS task or execution role";

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [Fact.Of(context.Snapshot.TaskDefinitions), .. context.Snapshot.TaskRoles.Values.Select(r => Fact.Of(r, "TaskRoles"))];

    protected override Fetched<List<string>> Resources(EvaluationContext context) =>
        Fetched<List<string>>.Of([.. (context.Snapshot.TaskDefinitions.Value ?? []).SelectMany(d => new[] { d.TaskRoleArn, d.ExecutionRoleArn }).OfType<string>().Distinct(StringComparer.Ordinal)]);

    protected override string ResourceId(string resource) => resource;

    protected override Finding Judge(EvaluationContext context, string roleArn)
    {
        if (!context.Snapshot.TaskRoles.TryGetValue(roleArn, out var fetched))
        {
            return Error(context, roleArn, $"the policies of role {roleArn} were not read.");
        }

        try
        {
            return Judge(context, roleArn, RoleCollector.RoleName(roleArn), fetched.Value!);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return Error(context, roleArn, $"a policy document of role {RoleCollector.RoleName(roleArn)} could not be read ({e.Message}).");
        }
    }

    /// <summary>The verdict on one role whose documents were all read.</summary>
    protected abstract Finding Judge(EvaluationContext context, string roleArn, string roleName, RolePolicies role);

    /// <summary>Every document the role holds, each named for messages: "inline policy x", "managed policy arn".</summary>
    protected static IEnumerable<(string Source, PolicyDocument Document)> Documents(RolePolicies role) =>
        role.Inline.Select(p => ($"inline policy {p.PolicyName}", PolicyDocument.Parse(p.Document)))
            .Concat(role.Attached.Select(p => ($"managed policy {p.PolicyName}", PolicyDocument.Parse(p.Document))));
}
