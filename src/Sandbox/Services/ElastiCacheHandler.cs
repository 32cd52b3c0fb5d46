using System.Net;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>ElastiCache (Query, 2015-02-02). Scenario keys: ReplicationGroups, CacheClusters, CacheSubnetGroups, ServerlessCaches, UserGroups, Users.</summary>
internal sealed class ElastiCacheHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeReplicationGroups", "DescribeCacheClusters", "DescribeCacheSubnetGroups", "DescribeServerlessCaches", "DescribeUserGroups", "DescribeUsers"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeReplicationGroups" => List(request, "ReplicationGroups", "ReplicationGroupId", "ReplicationGroupNotFoundFault",
            id => $"ReplicationGroup {id} not found.", HttpStatusCode.NotFound),
        "DescribeCacheClusters" => List(request, "CacheClusters", "CacheClusterId", "CacheClusterNotFound",
            id => $"CacheCluster {id} not found.", HttpStatusCode.NotFound, hideUnless: ("ShowCacheNodeInfo", "CacheNodes")),
        "DescribeCacheSubnetGroups" => List(request, "CacheSubnetGroups", "CacheSubnetGroupName", "CacheSubnetGroupNotFoundFault",
            id => $"Cache subnet group {id} not found.", HttpStatusCode.BadRequest),
        "DescribeServerlessCaches" => List(request, "ServerlessCaches", "ServerlessCacheName", "ServerlessCacheNotFoundFault",
            id => $"Serverless cache {id} not found.", HttpStatusCode.NotFound, token: "NextToken", limit: "MaxResults"),
        "DescribeUserGroups" => List(request, "UserGroups", "UserGroupId", "UserGroupNotFound",
            id => $"User group {id} not found.", HttpStatusCode.NotFound),
        "DescribeUsers" => List(request, "Users", "UserId", "UserNotFound",
            id => $"User {id} not found.", HttpStatusCode.NotFound),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject List(ServiceRequest request, string member, string idParam, string notFound, Func<string, string> message,
        HttpStatusCode status, (string Flag, string Member)? hideUnless = null, string token = "Marker", string limit = "MaxRecords")
    {
        var items = request.Items("elasticache", member);
        if (hideUnless is { } hidden && request.Param(hidden.Flag) != "true")
        {
            items = items.Select(i => i.Without(hidden.Member));
        }

        if (request.Param(idParam) is { } id)
        {
            items = items.Where(i => i.Str(idParam) == id).ToList();
            if (!items.Any())
            {
                throw new AwsError(notFound, message(id), status);
            }
        }

        var (page, next) = Paging.Slice(request, items, request.Param(token), request.IntParam(limit), "InvalidParameterValue");
        return Resources.Output((token, next), (member, page));
    }
}
