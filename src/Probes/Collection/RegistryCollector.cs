using Verification.Probes.Aws.Model;
using Verification.Probes.Controls.Containers;

namespace Verification.Probes.Collection;

/// <summary>Asks ECR about the account's repositories the stack's task definitions pull from (in the run's region).</summary>
internal static class RegistryCollector
{
    public static async Task<Fetched<List<Repository>>> CollectAsync(AwsQuestions aws, Task<Fetched<CallerIdentity>> caller, Fetched<List<TaskDefinition>> definitions, CancellationToken ct)
    {
        var identity = await caller.ConfigureAwait(false);
        if ((identity.Error ?? definitions.Error) is { } error)
        {
            return Fetched<List<Repository>>.Failed(error);
        }

        var account = identity.Value!.Account;
        var names = EcrImage.OfAccount(definitions.Value!.SelectMany(d => d.ContainerDefinitions.Select(c => c.Image)), account)
            .Where(i => i.Region == aws.Region).Select(i => i.Repository).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0
            ? Fetched<List<Repository>>.Of([])
            : await aws.Ask($"ecr:DescribeRepositories:{string.Join(',', names)}", () => aws.Ecr.DescribeRepositoriesAsync(account, names, ct)).ConfigureAwait(false);
    }
}
