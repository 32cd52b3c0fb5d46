using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.ServiceConnect;

/// <summary>The ECS cluster's Service Connect default namespace is the ARN of a Cloud Map namespace that exists.</summary>
public sealed class EcsClusterServiceConnectNamespaceIsCloudMapArn : ResourceControl<Cluster>
{
    public override string Title => "The ECS cluster's Service Connect namespace is an existing Cloud Map namespace ARN";
    public override string Area => "Service Connect";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "Without a real Cloud Map namespace, services cannot find each other: deployments fail ('is an invalid ARN: arn: invalid prefix') or tasks stop with 'namespace not found'.";
    public override string Remediation => "Create an aws.servicediscovery.PrivateDnsNamespace (aws_service_discovery_private_dns_namespace) in the stack VPC and set the cluster's service_connect_defaults.namespace to its .arn, not to a DNS name like healthcare-dev.local.";
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS cluster";

    protected override Fetched<List<Cluster>> Resources(EvaluationContext context) => context.Snapshot.EcsClusters;

    protected override string ResourceId(Cluster resource) => resource.ClusterArn;

    protected override Finding Judge(EvaluationContext context, Cluster cluster)
    {
        var configured = cluster.ServiceConnectDefaults?.Namespace;
        var id = CloudMapArn.NamespaceId(configured);
        var evidence = Evidence.Of(("serviceConnectDefaults.namespace", configured));
        if (configured is null)
        {
            return Fail(context, cluster.ClusterArn, $"ECS cluster {cluster.ClusterName} has no Service Connect default namespace.", evidence);
        }

        if (id is null)
        {
            return Fail(context, cluster.ClusterArn, $"ECS cluster {cluster.ClusterName} names its Service Connect namespace '{configured}', which is not a Cloud Map namespace ARN (arn:aws:servicediscovery:<region>:<account>:namespace/ns-...).", evidence);
        }

        if (!context.Snapshot.Namespaces.TryGetValue(id, out var fetched))
        {
            return Error(context, cluster.ClusterArn, $"the namespace {id} was not looked up.");
        }

        if (fetched.Error is { Code: "NamespaceNotFound" or "NotFound" })
        {
            return Fail(context, cluster.ClusterArn, $"ECS cluster {cluster.ClusterName} names Cloud Map namespace {id}, which does not exist.", evidence);
        }

        if (fetched.Error is { } error)
        {
            return Error(context, cluster.ClusterArn, error);
        }

        var found = fetched.Value!;
        return Pass(context, cluster.ClusterArn, $"ECS cluster {cluster.ClusterName} uses Cloud Map namespace {found.Name} ({found.Id}, {found.Type}).",
            Evidence.Of(("serviceConnectDefaults.namespace", configured), ("namespaceName", found.Name), ("namespaceType", found.Type)));
    }
}
