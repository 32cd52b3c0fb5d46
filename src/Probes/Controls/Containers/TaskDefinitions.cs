using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Containers;

/// <summary>How ECS controls name and find task definitions.</summary>
internal static class TaskDefinitions
{
    /// <summary>"family:revision", the name users know a task definition by.</summary>
    public static string Name(TaskDefinition definition) =>
        definition.Family is { } family ? $"{family}:{definition.Revision}" : definition.TaskDefinitionArn;

    /// <summary>The collected task definition a service runs, or null when it was not collected.</summary>
    public static TaskDefinition? Of(EvaluationContext context, Service service) =>
        (context.Snapshot.TaskDefinitions.Value ?? []).FirstOrDefault(d => d.TaskDefinitionArn == service.TaskDefinition);
}
