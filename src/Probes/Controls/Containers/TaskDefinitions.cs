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

    /// <summary>
    /// Why an awsvpc-only check does not apply to <paramref name="service"/>: it has no awsvpc configuration because its
    /// task definition uses bridge or host networking (EcsServiceUsesAwsvpc fails it); null when the check applies.
    /// </summary>
    public static string? NotAwsvpcBecause(EvaluationContext context, Service service, string check) =>
        service.NetworkConfiguration is null && Of(context, service) is { } definition && definition.NetworkMode != "awsvpc"
            ? $"ECS service {service.ServiceName} runs {Name(definition)} in {definition.NetworkMode ?? "the default (bridge)"} network mode: its tasks have no network interface of their own, so {check} cannot be judged per task; EcsServiceUsesAwsvpc fails the service."
            : null;

    /// <summary>"container/VARIABLE (why)" for every plain environment variable <paramref name="why"/> objects to; values never leave here.</summary>
    public static List<string> FlaggedEnvironment(TaskDefinition definition, Func<string, string?, string?> why) =>
        [.. definition.ContainerDefinitions
            .SelectMany(c => c.Environment.Select(e => (Container: c.Name, e.Name, Why: why(e.Name, e.Value))))
            .Where(v => v.Why is not null)
            .Select(v => $"{v.Container}/{v.Name} ({v.Why})")];

    /// <summary>"container/VARIABLE" for every plain environment variable, for the evidence.</summary>
    public static IEnumerable<string> EnvironmentNames(TaskDefinition definition) =>
        definition.ContainerDefinitions.SelectMany(c => c.Environment.Select(e => $"{c.Name}/{e.Name}"));
}
