using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.ServiceConnect;

/// <summary>The Cloud Map namespace the ECS cluster's Service Connect uses is a private DNS namespace.</summary>
public sealed class CloudMapNamespaceIsPrivateDns : ResourceControl<Cluster>
{
    public override string Title => "The cluster's Cloud Map namespace is a private DNS namespace in the stack VPC";
    public override string Area => "Service Connect";
    public override string Service => "Cloud Map";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "An HTTP namespace gives services no DNS names in the VPC (only API discovery), and a public DNS namespace publishes the tasks' names and private addresses on the internet.";
    public override string Remediation => "Create the namespace as aws.servicediscovery.PrivateDnsNamespace (aws_service_discovery_private_dns_namespace) with vpc = the stack VPC, not HttpNamespace or PublicDnsNamespace, and point the cluster's service_connect_defaults.namespace at its .arn.";
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS cluster";

    protected override Fetched<List<Cluster>> Resources(EvaluationContext context) => context.Snapshot.EcsClusters;

    protected override string ResourceId(Cluster resource) => resource.ClusterArn;

    // A name that is not an ARN, or an ARN of a namespace that does not exist, is EcsClusterServiceConnectNamespaceIsCloudMapArn's finding.
    protected override string? NotApplicableBecause(EvaluationContext context, Cluster cluster) =>
        CloudMapArn.NamespaceId(cluster.ServiceConnectDefaults?.Namespace) is not { } id
            ? $"ECS cluster {cluster.ClusterName} names no Cloud Map namespace ARN (EcsClusterServiceConnectNamespaceIsCloudMapArn reports it)."
            : context.Snapshot.Namespaces.GetValueOrDefault(id)?.Error is { Code: "NamespaceNotFound" or "NotFound" }
                ? $"ECS cluster {cluster.ClusterName} names Cloud Map namespace {id}, which does not exist (EcsClusterServiceConnectNamespaceIsCloudMapArn reports it)."
                : null;

    protected override string? NoneExpectedBecause(EvaluationContext context) =>
        "no stack ECS cluster names an existing Cloud Map namespace, so there is no namespace type to judge.";

    protected override Finding Judge(EvaluationContext context, Cluster cluster)
    {
        var id = CloudMapArn.NamespaceId(cluster.ServiceConnectDefaults?.Namespace)!;
        if (!context.Snapshot.Namespaces.TryGetValue(id, out var fetched))
        {
            return Error(context, cluster.ClusterArn, $"the namespace {id} was not looked up.");
        }

        if (fetched.Error is { } error)
        {
            return Error(context, cluster.ClusterArn, error);
        }

        var found = fetched.Value!;
        var evidence = Evidence.Of(("namespaceId", found.Id), ("namespaceName", found.Name), ("namespaceType", found.Type));
        return found.Type == "DNS_PRIVATE"
            ? Pass(context, found.Arn, $"Cloud Map namespace {found.Name} ({found.Id}) of ECS cluster {cluster.ClusterName} is a private DNS namespace.", evidence)
            : Fail(context, found.Arn, $"Cloud Map namespace {found.Name} ({found.Id}) of ECS cluster {cluster.ClusterName} is of type {found.Type ?? "(unknown)"}, not DNS_PRIVATE.", evidence);
    }
}
