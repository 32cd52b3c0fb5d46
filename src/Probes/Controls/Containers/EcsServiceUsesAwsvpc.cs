using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>Every stack ECS service runs a task definition in awsvpc network mode.</summary>
public sealed class EcsServiceUsesAwsvpc : ResourceControl<Service>
{
    public override string Title => "ECS services run task definitions in awsvpc network mode";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "Outside awsvpc mode tasks share the host's network interface, so security groups cannot be applied per task and the database's 'only from the app' rules cannot name the tasks.";
    public override string Remediation => "Set network_mode = \"awsvpc\" (NetworkMode: awsvpc) on the task definition and give the service a network_configuration with the private app subnets and the tasks' security group.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "ECS service";

    protected override Fetched<List<Service>> Resources(EvaluationContext context) => context.Snapshot.EcsServices;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.TaskDefinitions)];

    protected override string ResourceId(Service resource) => resource.ServiceArn;

    protected override Finding Judge(EvaluationContext context, Service service)
    {
        if (TaskDefinitions.Of(context, service) is not { } definition)
        {
            return Error(context, service.ServiceArn, $"the task definition {service.TaskDefinition ?? "(none)"} of ECS service {service.ServiceName} was not collected.");
        }

        var evidence = Evidence.Of(("taskDefinition", TaskDefinitions.Name(definition)), ("networkMode", definition.NetworkMode ?? "(absent: bridge on EC2)"));
        return definition.NetworkMode == "awsvpc"
            ? Pass(context, service.ServiceArn, $"ECS service {service.ServiceName} runs {TaskDefinitions.Name(definition)} in awsvpc network mode.", evidence)
            : Fail(context, service.ServiceArn, $"ECS service {service.ServiceName} runs {TaskDefinitions.Name(definition)} in {definition.NetworkMode ?? "the default (bridge)"} network mode, not awsvpc.", evidence);
    }
}
