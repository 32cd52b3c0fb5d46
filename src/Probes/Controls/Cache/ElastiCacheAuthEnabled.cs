using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Cache;

/// <summary>Redis requires clients to authenticate: an AUTH token or RBAC user groups (the seed removed auth_token_enabled and left none).</summary>
public sealed class ElastiCacheAuthEnabled : ReplicationGroupControl
{
    public override string Title => "ElastiCache Redis requires clients to authenticate";
    public override Severity Severity => Severity.High;
    public override string Risk => "Any host that can reach port 6379 in the VPC can read and overwrite cached ePHI and sessions; the security group is then the only barrier.";
    public override string Remediation => "Set auth_token (AuthToken) from a secret on the replication group, which requires transit encryption, or attach RBAC user groups with user_group_ids (UserGroupIds); Pulumi and Terraform have no auth_token_enabled argument: setting auth_token is what enables it.";
    public override IReadOnlyList<string> Hipaa => ["164.312(d)", "164.312(a)(1)"];

    protected override Finding Judge(EvaluationContext context, ReplicationGroup group)
    {
        var evidence = Evidence.Of(("AuthTokenEnabled", group.AuthTokenEnabled), ("UserGroupIds", group.UserGroupIds.Count > 0 ? group.UserGroupIds : "none"));
        var id = ResourceId(group);
        if (group.AuthTokenEnabled == true)
        {
            return Pass(context, id, $"ElastiCache replication group {group.ReplicationGroupId} requires an AUTH token.", evidence);
        }

        return group.UserGroupIds.Count > 0
            ? Pass(context, id, $"ElastiCache replication group {group.ReplicationGroupId} authenticates clients through user groups {string.Join(", ", group.UserGroupIds)}.", evidence)
            : Fail(context, id, $"ElastiCache replication group {group.ReplicationGroupId} lets clients connect without authenticating (no AUTH token, no user group).", evidence);
    }
}
