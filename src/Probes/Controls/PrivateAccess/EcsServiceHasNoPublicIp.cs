using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls.Containers;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>ECS services run their tasks without public IP addresses.</summary>
public sealed class EcsServiceHasNoPublicIp : ResourceControl<Service>
{
    public override string Title => "ECS services do not assign public IPs to their tasks";
    public override string Area => "Private access";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "A task with a public IP is reachable from the internet whenever its security group allows it, bypassing the ALB.";
    public override string Remediation => "Set assign_public_ip = false (AssignPublicIp: DISABLED) in the service's network configuration; tasks reach the internet through the NAT gateway.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "ECS service";

    protected override Fetched<List<Service>> Resources(EvaluationContext context) => context.Snapshot.EcsServices;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.TaskDefinitions)];

    protected override string ResourceId(Service resource) => resource.ServiceArn;

    protected override string? NotApplicableBecause(EvaluationContext context, Service resource) => TaskDefinitions.NotAwsvpcBecause(context, resource, "public IP assignment");

    protected override Finding Judge(EvaluationContext context, Service service)
    {
        var assign = service.NetworkConfiguration?.AssignPublicIp;
        var evidence = Evidence.Of(("assignPublicIp", assign ?? "(no awsvpc configuration)"));
        return assign switch
        {
            "DISABLED" => Pass(context, service.ServiceArn, $"ECS service {service.ServiceName} assigns no public IPs.", evidence),
            null => Fail(context, service.ServiceArn, $"ECS service {service.ServiceName} has no awsvpc network configuration, so its tasks' addressing is not controlled.", evidence),
            _ => Fail(context, service.ServiceArn, $"ECS service {service.ServiceName} assigns public IPs to its tasks (assignPublicIp {assign}).", evidence),
        };
    }
}
