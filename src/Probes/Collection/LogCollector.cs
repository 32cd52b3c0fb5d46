using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The stack's log groups, and the referenced ones that do not exist.</summary>
internal sealed record LogPart(Fetched<List<LogGroup>> LogGroups, List<string> Missing, List<ScopedResource> Scope);

/// <summary>Lists the account's log groups and keeps those the outputs and the stack's task definitions name.</summary>
internal static class LogCollector
{
    public static async Task<LogPart> CollectAsync(AwsQuestions aws, StackOutputs outputs, Fetched<List<TaskDefinition>> definitions, CancellationToken ct)
    {
        var all = await aws.Ask("logs:DescribeLogGroups", () => aws.Logs.DescribeLogGroupsAsync(null, ct)).ConfigureAwait(false);
        if (all.Error is { } error)
        {
            return new(Fetched<List<LogGroup>>.Failed(error), [], []);
        }

        // Groups the task definitions name are unknown when the definitions are: the list stays failed rather than short.
        if (definitions.Error is { } definitionsError)
        {
            return new(Fetched<List<LogGroup>>.Failed(definitionsError), [], []);
        }

        var scope = StackScope.LogGroups(outputs, definitions.Value!, all.Value!);
        return new(Fetched<List<LogGroup>>.Of(scope.Existing), scope.Missing, scope.Scope);
    }
}
