using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>The stack cache's security groups admit the Redis port only from the ECS tasks' security groups.</summary>
public sealed class CacheSecurityGroupAdmitsOnlyApp : ResourceControl<(string GroupId, int Port, string UsedBy)>
{
    public override string Title => "Cache security groups admit the Redis port only from the ECS tasks' security groups";
    public override string Area => "Network";
    public override string Service => "EC2";
    public override Severity Severity => Severity.High;
    public override string Risk => "A CIDR source or another group lets any workload in that range read cached ePHI and session data from Redis, whose AUTH token is often the only other barrier.";
    public override string Remediation => "Give the cache security group one ingress rule: tcp 6379 from source_security_group_id = the ECS tasks' security group, and no cidr_blocks.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];
    protected override string ResourceKind => "ElastiCache security group";

    protected override Fetched<List<(string GroupId, int Port, string UsedBy)>> Resources(EvaluationContext context)
    {
        var groups = context.Snapshot.CacheClusters.Value!
            .SelectMany(c => c.SecurityGroups.Select(g => (g.SecurityGroupId, c.CacheNodes.FirstOrDefault()?.Endpoint?.Port ?? 6379, $"ElastiCache {c.ReplicationGroupId ?? c.CacheClusterId}")));
        return Fetched<List<(string, int, string)>>.Of([.. groups.DistinctBy(g => g.SecurityGroupId)]);
    }

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [.. Ingress.Facts(context.Snapshot), Fact.Of(context.Snapshot.CacheClusters)];

    protected override string ResourceId((string GroupId, int Port, string UsedBy) resource) => resource.GroupId;

    protected override Finding Judge(EvaluationContext context, (string GroupId, int Port, string UsedBy) resource) =>
        Ingress.JudgeDataTier(this, context, resource.GroupId, resource.Port, resource.UsedBy);
}
