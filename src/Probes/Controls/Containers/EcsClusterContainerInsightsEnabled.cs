using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>The stack's ECS clusters have Container Insights on.</summary>
public sealed class EcsClusterContainerInsightsEnabled : ResourceControl<Cluster>
{
    public override string Title => "ECS clusters have Container Insights enabled";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Without Container Insights there are no task-level CPU, memory, restart and network metrics, so a crash-looping or starved service is noticed by users first.";
    public override string Remediation => "Add setting { name = \"containerInsights\", value = \"enabled\" } (or \"enhanced\") to the aws_ecs_cluster (ClusterSettings in CloudFormation).";

    // Container Insights are performance metrics, not records of access to ePHI: no section of the Security Rule applies.
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS cluster";

    protected override Fetched<List<Cluster>> Resources(EvaluationContext context) => context.Snapshot.EcsClusters;

    protected override string ResourceId(Cluster resource) => resource.ClusterArn;

    protected override Finding Judge(EvaluationContext context, Cluster cluster)
    {
        var value = cluster.Settings.FirstOrDefault(s => s.Name == "containerInsights")?.Value;
        var evidence = Evidence.Of(("settings.containerInsights", value ?? "(absent: account default)"));
        return value is "enabled" or "enhanced"
            ? Pass(context, cluster.ClusterArn, $"ECS cluster {cluster.ClusterName} has Container Insights {value}.", evidence)
            : Fail(context, cluster.ClusterArn, $"ECS cluster {cluster.ClusterName} has Container Insights {value ?? "not set"}.", evidence);
    }
}
