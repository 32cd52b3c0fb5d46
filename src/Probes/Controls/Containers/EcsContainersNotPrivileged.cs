using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>No container of a stack task definition runs privileged.</summary>
public sealed class EcsContainersNotPrivileged : ResourceControl<TaskDefinition>
{
    public override string Title => "ECS containers do not run privileged";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "A privileged container has root on the host: one compromised dependency reaches every task on the instance and their secrets.";
    public override string Remediation => "Remove privileged = true from the container definitions (Fargate rejects it; on EC2 grant specific linuxParameters.capabilities instead).";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)"];
    protected override string ResourceKind => "ECS task definition";

    protected override Fetched<List<TaskDefinition>> Resources(EvaluationContext context) => context.Snapshot.TaskDefinitions;

    protected override string ResourceId(TaskDefinition resource) => resource.TaskDefinitionArn;

    protected override Finding Judge(EvaluationContext context, TaskDefinition definition)
    {
        var privileged = definition.ContainerDefinitions.Where(c => c.Privileged == true).Select(c => c.Name).ToList();
        var evidence = Evidence.Of(("containers", definition.ContainerDefinitions.Select(c => c.Name)), ("privilegedContainers", privileged));
        return privileged.Count == 0
            ? Pass(context, definition.TaskDefinitionArn, $"ECS task definition {TaskDefinitions.Name(definition)} runs no privileged container.", evidence)
            : Fail(context, definition.TaskDefinitionArn, $"ECS task definition {TaskDefinitions.Name(definition)} runs privileged containers: {string.Join(", ", privileged)}.", evidence);
    }
}
