using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>Each stack task execution role may read the database secret and decrypt it with the stack key (iam:SimulatePrincipalPolicy).</summary>
public sealed class EcsExecutionRoleCanReadDbSecret : ResourceControl<string>
{
    public override string Title => "ECS task execution roles can read the database secret and decrypt it with the stack key";
    public override string Area => "Containers";
    public override string Service => "IAM";
    public override Severity Severity => Severity.High;
    public override string Risk => "Without secretsmanager:GetSecretValue on the secret and kms:Decrypt on its key, tasks stop while starting ('ResourceInitializationError: unable to pull secrets or registry auth ... Unable to retrieve secret'), and teams are tempted to paste the password into plain environment variables instead.";
    public override string Remediation => "Attach a policy to the execution role allowing secretsmanager:GetSecretValue on the db_secret_arn and kms:Decrypt on the kms_key_arn (aws_iam_role_policy on the role named by execution_role_arn), and remove any Deny that matches them.";

    // Whether the app can start is availability; the secret's protection is judged by the encryption controls.
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS task execution role";

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [Fact.Of(context.Snapshot.TaskDefinitions), .. context.Snapshot.RoleSimulations.Values.Select(s => Fact.Of(s, "RoleSimulations"))];

    protected override Fetched<List<string>> Resources(EvaluationContext context) =>
        Fetched<List<string>>.Of([.. (context.Snapshot.TaskDefinitions.Value ?? []).Select(d => d.ExecutionRoleArn).OfType<string>().Distinct(StringComparer.Ordinal)]);

    protected override string ResourceId(string resource) => resource;

    protected override Finding Judge(EvaluationContext context, string roleArn)
    {
        if (!context.Snapshot.RoleSimulations.TryGetValue(roleArn, out var fetched))
        {
            return Error(context, roleArn, $"the permissions of role {roleArn} were not simulated.");
        }

        var outputs = context.Snapshot.Outputs;
        var needed = new[] { ("secretsmanager:GetSecretValue", outputs.DbSecretArn), ("kms:Decrypt", outputs.KmsKeyArn) };
        var decisions = needed.Select(n => (Action: n.Item1, Resource: n.Item2, Decision: Decision(fetched.Value!.Results, n.Item1, n.Item2))).ToList();
        var evidence = Evidence.Of([.. decisions.Select(d => (d.Action, (object?)(d.Decision ?? "(not simulated)")))]);
        var role = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var denied = decisions.Where(d => d.Decision != "allowed").Select(d => $"{d.Action} on {d.Resource} ({d.Decision ?? "not simulated"})").ToList();
        return denied.Count == 0
            ? Pass(context, roleArn, $"IAM role {role} may read the database secret and decrypt it with the stack key.", evidence)
            : Fail(context, roleArn, $"IAM role {role} is denied {string.Join(" and ", denied)}, so tasks cannot retrieve the database secret.", evidence);
    }

    /// <summary>The decision for the action on that resource; IAM may answer per resource or once for the action.</summary>
    private static string? Decision(List<EvaluationResult> results, string action, string resource)
    {
        var forAction = results.Where(r => string.Equals(r.EvalActionName, action, StringComparison.OrdinalIgnoreCase)).ToList();
        return (forAction.FirstOrDefault(r => r.EvalResourceName == resource) ?? forAction.FirstOrDefault(r => r.EvalResourceName is null or "*"))?.EvalDecision;
    }
}
