using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.ServiceConnect;

/// <summary>Every stack ECS service has Service Connect enabled in its current deployment.</summary>
public sealed class EcsServiceConnectEnabled : ResourceControl<Service>
{
    public override string Title => "ECS services have Service Connect enabled on the cluster's namespace";
    public override string Area => "Service Connect";
    public override string Service => "ECS";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Services without Service Connect cannot reach their peers by the namespace's names, and their traffic bypasses the Service Connect proxy's metrics.";
    public override string Remediation => "Add service_connect_configuration { enabled = true } to the service (the namespace defaults to the cluster's; do not repeat a DNS name there).";
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS service";

    protected override Fetched<List<Service>> Resources(EvaluationContext context) => context.Snapshot.EcsServices;

    protected override string ResourceId(Service resource) => resource.ServiceArn;

    protected override Finding Judge(EvaluationContext context, Service service)
    {
        var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY") ?? service.Deployments.FirstOrDefault();
        var config = primary?.ServiceConnectConfiguration;
        var clusterNamespace = (context.Snapshot.EcsClusters.Value ?? []).FirstOrDefault(c => c.ClusterArn == service.ClusterArn)?.ServiceConnectDefaults?.Namespace;
        var evidence = Evidence.Of(("deployment", primary?.Id), ("serviceConnect.enabled", config?.Enabled), ("serviceConnect.namespace", config?.Namespace), ("cluster.namespace", clusterNamespace));
        if (config is not { Enabled: true })
        {
            return Fail(context, service.ServiceArn, $"ECS service {service.ServiceName} does not have Service Connect enabled in its {primary?.Status?.ToLowerInvariant() ?? "current"} deployment.", evidence);
        }

        // A cluster namespace that is not an ARN is EcsClusterServiceConnectNamespaceIsCloudMapArn's finding; comparing against it here would report one defect twice.
        var clusterId = CloudMapArn.NamespaceId(clusterNamespace);
        var sameNamespace = config.Namespace is null || clusterId is null || config.Namespace == clusterNamespace
            || CloudMapArn.NamespaceId(config.Namespace) == clusterId;
        return sameNamespace
            ? Pass(context, service.ServiceArn, $"ECS service {service.ServiceName} has Service Connect enabled on the cluster's namespace.", evidence)
            : Fail(context, service.ServiceArn, $"ECS service {service.ServiceName} uses Service Connect namespace {config.Namespace}, not the cluster's {clusterNamespace}.", evidence);
    }
}
