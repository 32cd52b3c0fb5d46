using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Every container of a stack task definition has a read-only root filesystem. An absent <c>readonlyRootFilesystem</c>
/// is a Fail, not an Error: it is not a member AWS failed to report but a parameter nobody set, and its documented
/// effect is a writable root filesystem (the ECS parameter maps to docker run --read-only, which is off unless asked
/// for; CloudFormation, Terraform and CDK all default it to false). Peers: Prowler
/// <c>ecs_task_definitions_containers_readonly_access</c> (absent fails, as here), AWS Config
/// <c>ecs-containers-readonly-access</c> (in the HIPAA conformance pack; its documentation names only "set to false").
/// Prowler's HIPAA mapping does not list the check; it is cited here as access control, like privileged containers,
/// and integrity (the image on disk cannot be altered at run time).
/// </summary>
public sealed class EcsContainersReadOnlyRootFilesystem : ResourceControl<TaskDefinition>
{
    public override string Title => "ECS containers run with a read-only root filesystem";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "A writable root filesystem lets code that gets into the container drop tools, replace binaries or persist changes for the task's life, with the task role's access to ePHI.";
    public override string Remediation => "Set readonlyRootFilesystem = true in every container definition (ReadonlyRootFilesystem: true in CloudFormation, readonlyRootFilesystem in CDK's ContainerDefinition) and mount a volume (or a tmpfs on EC2) for the paths the application writes, such as /tmp.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(c)(1)"];
    protected override string ResourceKind => "ECS task definition";

    protected override Fetched<List<TaskDefinition>> Resources(EvaluationContext context) => context.Snapshot.TaskDefinitions;

    protected override string ResourceId(TaskDefinition resource) => resource.TaskDefinitionArn;

    protected override Finding Judge(EvaluationContext context, TaskDefinition definition)
    {
        var writable = definition.ContainerDefinitions
            .Where(c => c.ReadonlyRootFilesystem != true)
            .Select(c => c.ReadonlyRootFilesystem is null ? $"{c.Name} (not set, so writable)" : c.Name)
            .ToList();
        var evidence = Evidence.Of(
            ("containers", definition.ContainerDefinitions.Select(c => c.Name)),
            ("writableRootFilesystem", writable));
        return writable.Count == 0
            ? Pass(context, definition.TaskDefinitionArn, $"ECS task definition {TaskDefinitions.Name(definition)} runs every container with a read-only root filesystem.", evidence)
            : Fail(context, definition.TaskDefinitionArn, $"ECS task definition {TaskDefinitions.Name(definition)} runs containers with a writable root filesystem: {string.Join(", ", writable)}.", evidence);
    }
}
