using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Cache;

/// <summary>
/// Redis requires clients to authenticate: an AUTH token, or RBAC user groups none of whose users needs no password
/// (the seed removed auth_token_enabled and left none; a user group holding the "default" user with nopass lets anyone in).
/// </summary>
public sealed class ElastiCacheAuthEnabled : CacheUnitControl
{
    public override string Title => "ElastiCache Redis requires clients to authenticate";
    public override string Area => "Cache";
    public override Severity Severity => Severity.High;
    public override string Risk => "Any host that can reach port 6379 in the VPC can read and overwrite cached ePHI and sessions; the security group is then the only barrier. A user group that holds a user without a password (the default user with nopass) authenticates nobody: clients connect as that user.";
    public override string Remediation => "Set auth_token (AuthToken) from a secret on the replication group, which requires transit encryption, or attach RBAC user groups with user_group_ids (UserGroupIds; user_group_id on a serverless cache) whose users all have passwords or IAM authentication: replace the default user with one named \"default\" that has passwords (aws_elasticache_user with authentication_mode { type = \"password\" }), never no-password-required.";
    public override IReadOnlyList<string> Hipaa => ["164.312(d)", "164.312(a)(1)"];

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. base.MoreFacts(context), Fact.Of(context.Snapshot.CacheUserGroups), Fact.Of(context.Snapshot.CacheUsers)];

    protected override Finding Judge(EvaluationContext context, CacheUnit unit)
    {
        var (tokenEnabled, userGroupIds) = unit switch
        {
            { Group: { } g } => (g.AuthTokenEnabled, g.UserGroupIds),
            { Cluster: { } c } => (c.AuthTokenEnabled, []),
            { Serverless: { } s } => (null, s.UserGroupId is { } id ? [id] : new List<string>()),
            _ => throw new InvalidOperationException(unit.Kind),
        };
        var evidence = Evidence.Of(("AuthTokenEnabled", tokenEnabled), ("UserGroupIds", userGroupIds.Count > 0 ? userGroupIds : "none"));
        if (tokenEnabled == true)
        {
            return Pass(context, unit.Arn, $"{unit.Name} requires an AUTH token.", evidence);
        }

        if (userGroupIds.Count == 0)
        {
            var why = unit.Serverless is not null ? "no user group, so its default user needs no password" : "no AUTH token, no user group";
            return Fail(context, unit.Arn, $"{unit.Name} lets clients connect without authenticating ({why}).", evidence);
        }

        return JudgeUserGroups(context, unit, userGroupIds, evidence);
    }

    private Finding JudgeUserGroups(EvaluationContext context, CacheUnit unit, List<string> userGroupIds, IReadOnlyDictionary<string, string?> evidence)
    {
        var snapshot = context.Snapshot;
        var noPassword = new List<string>();
        foreach (var groupId in userGroupIds)
        {
            if (snapshot.CacheUserGroups.Value!.FirstOrDefault(g => g.UserGroupId == groupId) is not { } group)
            {
                return Error(context, unit.Arn, $"user group {groupId} of {unit.Name} was not returned by elasticache:DescribeUserGroups.");
            }

            foreach (var userId in group.UserIds)
            {
                if (snapshot.CacheUsers.Value!.FirstOrDefault(u => u.UserId == userId) is not { } user)
                {
                    return Error(context, unit.Arn, $"user {userId} of user group {groupId} ({unit.Name}) was not returned by elasticache:DescribeUsers.");
                }

                if (user.Authentication?.Type is not { } type)
                {
                    return Unreported(context, unit.Arn, $"user {userId} of user group {groupId} ({unit.Name})", "Authentication.Type");
                }

                // DescribeUsers says "no-password"; CreateUser's AuthenticationMode calls the same thing "no-password-required".
                if (type is "no-password" or "no-password-required")
                {
                    noPassword.Add($"{user.UserName ?? userId} ({userId}) in {groupId}");
                }
            }
        }

        var withUsers = new Dictionary<string, string?>(evidence) { ["usersWithoutPassword"] = noPassword.Count > 0 ? string.Join(", ", noPassword) : "none" };
        return noPassword.Count == 0
            ? Pass(context, unit.Arn, $"{unit.Name} authenticates clients through user groups {string.Join(", ", userGroupIds)}, whose users all need a password or IAM.", withUsers)
            : Fail(context, unit.Arn, $"{unit.Name} authenticates through user groups {string.Join(", ", userGroupIds)}, but user {string.Join(", ", noPassword)} needs no password, so any client can connect as it.", withUsers);
    }
}
