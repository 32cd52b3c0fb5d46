using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>Every container of every stack task definition sends its output with awslogs to a log group that exists.</summary>
public sealed class EcsContainersLogToStackLogGroups : ResourceControl<TaskDefinition>
{
    public override string Title => "ECS containers log with awslogs to existing stack log groups";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "A container without awslogs leaves no record of what the application did with ePHI; one naming a log group that does not exist fails to start (ResourceInitializationError).";
    public override string Remediation => "Give every container a log_configuration { log_driver = \"awslogs\", options = { awslogs-group = the stack's log group name, awslogs-region, awslogs-stream-prefix } } and create that aws_cloudwatch_log_group in the same stack.";
    public override IReadOnlyList<string> Hipaa => ["164.312(b)"];
    protected override string ResourceKind => "ECS task definition";

    protected override Fetched<List<TaskDefinition>> Resources(EvaluationContext context) => context.Snapshot.TaskDefinitions;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.LogGroups)];

    protected override string ResourceId(TaskDefinition resource) => resource.TaskDefinitionArn;

    protected override Finding Judge(EvaluationContext context, TaskDefinition definition)
    {
        var existing = context.Snapshot.LogGroups.Value!.Select(g => g.LogGroupName).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var targets = new List<string>();
        foreach (var container in definition.ContainerDefinitions)
        {
            var driver = container.LogConfiguration?.LogDriver;
            var group = container.LogConfiguration?.Options.GetValueOrDefault("awslogs-group");
            targets.Add($"{container.Name}: {driver ?? "no log driver"}{(group is null ? "" : " → " + group)}");
            if (driver != "awslogs")
            {
                problems.Add($"container {container.Name} uses {(driver is null ? "no log driver" : "log driver " + driver)}, not awslogs");
            }
            else if (group is null)
            {
                problems.Add($"container {container.Name} names no awslogs-group");
            }
            else if (!existing.Contains(group))
            {
                problems.Add($"container {container.Name} writes to log group {group}, which does not exist");
            }
        }

        var evidence = Evidence.Of(("logConfigurations", targets), ("missingLogGroups", context.Snapshot.MissingLogGroups));
        var name = TaskDefinitions.Name(definition);
        return problems.Count == 0
            ? Pass(context, definition.TaskDefinitionArn, $"ECS task definition {name} sends every container's output with awslogs to an existing stack log group.", evidence)
            : Fail(context, definition.TaskDefinitionArn, $"ECS task definition {name}: {string.Join("; ", problems)}.", evidence);
    }
}
