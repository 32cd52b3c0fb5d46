using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>One policy a role holds: an inline policy (no ARN) or the default version of an attached managed policy.</summary>
public sealed record RolePolicy(string PolicyName, string? PolicyArn, string Document);

/// <summary>An ECS task or execution role as IAM reports it: its trust policy and every permission policy it holds.</summary>
public sealed record RolePolicies(Role Role, List<RolePolicy> Inline, List<RolePolicy> Attached);

/// <summary>Reads the documents of the roles the stack's task definitions name (taskRoleArn, executionRoleArn).</summary>
internal static class RoleCollector
{
    public static async Task<Dictionary<string, Fetched<RolePolicies>>> CollectAsync(AwsQuestions aws, Fetched<List<TaskDefinition>> definitions, CancellationToken ct)
    {
        var arns = (definitions.Value ?? []).SelectMany(d => new[] { d.TaskRoleArn, d.ExecutionRoleArn }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var answers = await Task.WhenAll(arns.Select(async arn => (arn, answer: await RoleAsync(aws, arn, ct).ConfigureAwait(false)))).ConfigureAwait(false);
        return answers.ToDictionary(a => a.arn, a => a.answer, StringComparer.Ordinal);
    }

    /// <summary>The role's name: the last segment of its ARN, whatever its path.</summary>
    public static string RoleName(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private static async Task<Fetched<RolePolicies>> RoleAsync(AwsQuestions aws, string arn, CancellationToken ct)
    {
        var name = RoleName(arn);
        var roleTask = aws.Ask($"iam:GetRole:{name}", () => aws.Iam.GetRoleAsync(name, ct));
        var attachedTask = aws.Ask($"iam:ListAttachedRolePolicies:{name}", () => aws.Iam.ListAttachedRolePoliciesAsync(name, ct));
        var inlineTask = aws.Ask($"iam:ListRolePolicies:{name}", () => aws.Iam.ListRolePoliciesAsync(name, ct));
        var (role, attached, inlineNames) = (await roleTask.ConfigureAwait(false), await attachedTask.ConfigureAwait(false), await inlineTask.ConfigureAwait(false));
        if ((role.Error ?? attached.Error ?? inlineNames.Error) is { } error)
        {
            return Fetched<RolePolicies>.Failed(error);
        }

        var inline = await Task.WhenAll(inlineNames.Value!.Select(async policy =>
        {
            var document = await aws.Ask($"iam:GetRolePolicy:{name}:{policy}", () => aws.Iam.GetRolePolicyAsync(name, policy, ct)).ConfigureAwait(false);
            return document.Error is { } e ? Fetched<RolePolicy>.Failed(e) : Fetched<RolePolicy>.Of(new RolePolicy(policy, null, document.Value!));
        })).ConfigureAwait(false);
        var managed = await Task.WhenAll(attached.Value!.Select(async p => await ManagedAsync(aws, p, ct).ConfigureAwait(false))).ConfigureAwait(false);
        if (inline.Concat(managed).FirstOrDefault(p => p.Error is not null)?.Error is { } policyError)
        {
            return Fetched<RolePolicies>.Failed(policyError);
        }

        return Fetched<RolePolicies>.Of(new RolePolicies(role.Value!, [.. inline.Select(p => p.Value!)], [.. managed.Select(p => p.Value!)]));
    }

    // Managed policies (AWS's own included) are shared by many roles: each is read once per run.
    private static async Task<Fetched<RolePolicy>> ManagedAsync(AwsQuestions aws, AttachedPolicy attached, CancellationToken ct)
    {
        var arn = attached.PolicyArn;
        var policy = await aws.Ask($"iam:GetPolicy:{arn}", () => aws.Iam.GetPolicyAsync(arn, ct)).ConfigureAwait(false);
        if (policy.Error is { } error)
        {
            return Fetched<RolePolicy>.Failed(error);
        }

        if (policy.Value!.DefaultVersionId is not { } versionId)
        {
            return Fetched<RolePolicy>.Failed(new CollectionError("iam:GetPolicy", "MalformedResponse", $"GetPolicy for {arn} names no DefaultVersionId", aws.Region));
        }

        var version = await aws.Ask($"iam:GetPolicyVersion:{arn}:{versionId}", () => aws.Iam.GetPolicyVersionAsync(arn, versionId, ct)).ConfigureAwait(false);
        return version.Error is { } versionError
            ? Fetched<RolePolicy>.Failed(versionError)
            : Fetched<RolePolicy>.Of(new RolePolicy(attached.PolicyName ?? policy.Value.PolicyName ?? arn, arn, version.Value!.Document));
    }
}
