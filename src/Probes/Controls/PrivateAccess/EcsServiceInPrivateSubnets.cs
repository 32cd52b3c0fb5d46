using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls.Containers;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>ECS services place tasks only in subnets with no route to an internet gateway.</summary>
public sealed class EcsServiceInPrivateSubnets : ResourceControl<Service>
{
    public override string Title => "ECS services run tasks only in private subnets";
    public override string Area => "Private access";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "Tasks in public subnets depend on a single flag (assignPublicIp) to stay off the internet.";
    public override string Remediation => "List only the private application subnets in the service's network configuration (subnets = private app subnet ids).";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "ECS service";

    protected override Fetched<List<Service>> Resources(EvaluationContext context) => context.Snapshot.EcsServices;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [.. Network.Facts(context.Snapshot), Fact.Of(context.Snapshot.TaskDefinitions)];

    protected override string ResourceId(Service resource) => resource.ServiceArn;

    protected override string? NotApplicableBecause(EvaluationContext context, Service resource) => TaskDefinitions.NotAwsvpcBecause(context, resource, "subnet placement");

    protected override Finding Judge(EvaluationContext context, Service service) =>
        PrivateSubnets.Judge(this, context, service.ServiceArn, $"ECS service {service.ServiceName}", service.NetworkConfiguration?.Subnets ?? []);
}
