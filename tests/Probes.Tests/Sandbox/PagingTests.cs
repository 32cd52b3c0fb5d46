using System.Text.Json;
using NUnit.Framework;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>Every list pages at the scenario's small page size, and following the tokens yields each item exactly once.</summary>
public sealed class PagingTests
{
    private SandboxServer _server = null!;
    private RawAws _aws = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SandboxServer.StartAsync(Scenario.Load("second-db-unencrypted"));
        _aws = new RawAws(_server.Endpoint);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _aws.Dispose();
        await _server.DisposeAsync();
    }

    [TestCase("rds", "DescribeDBParameters", "Version=2014-10-31&DBParameterGroupName=healthcare-pg16-dev", "Marker", "Marker", "Parameters", "ParameterName", 6)]
    [TestCase("rds", "DescribeDBInstances", "Version=2014-10-31&MaxRecords=1", "Marker", "Marker", "DBInstances", "DBInstanceIdentifier", 2)]
    [TestCase("rds", "DescribeDBEngineVersions", "Version=2014-10-31&Engine=postgres", "Marker", "Marker", "DBEngineVersions", "EngineVersion", 3)]
    [TestCase("elasticache", "DescribeCacheClusters", "Version=2015-02-02&MaxRecords=1", "Marker", "Marker", "CacheClusters", "CacheClusterId", 2)]
    [TestCase("iam", "SimulatePrincipalPolicy", "Version=2010-05-08&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fhealthcare-ecs-execution-dev&ActionNames.member.1=kms%3ADecrypt&ActionNames.member.2=secretsmanager%3AGetSecretValue&ActionNames.member.3=s3%3AGetObject", "Marker", "Marker", "EvaluationResults", "EvalActionName", 3)]
    [TestCase("ec2", "DescribeSecurityGroups", "Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-0a1b2c3d4e5f67890", "NextToken", "nextToken", "securityGroupInfo", "groupId", 5)]
    [TestCase("ec2", "DescribeNetworkInterfaces", "Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-0a1b2c3d4e5f67890", "NextToken", "nextToken", "networkInterfaceSet", "networkInterfaceId", 9)]
    public async Task Query_lists_follow_their_markers_to_every_item_once(string service, string action, string parameters, string requestMarker, string responseMarker, string list, string idElement, int expected)
    {
        var ids = new List<string>();
        var pages = 0;
        string? marker = null;

        do
        {
            var form = $"Action={action}&{parameters}" + (marker is null ? "" : $"&{requestMarker}={Uri.EscapeDataString(marker)}");
            var reply = await _aws.QueryAsync(service, form);
            ids.AddRange(reply.Xml.Descendants().Where(e => e.Name.LocalName == idElement && e.Parent?.Parent?.Name.LocalName == list).Select(e => e.Value));
            marker = reply.Text(responseMarker);
            pages++;
        }
        while (marker is not null && pages < 20);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Has.Count.EqualTo(expected));
            Assert.That(pages, Is.GreaterThan(1));
        }
    }

    [TestCase("ecs", "AmazonEC2ContainerServiceV20141113.ListTasks", "\"cluster\":\"healthcare-cluster-dev\",\"desiredStatus\":\"STOPPED\"", "nextToken", "taskArns", 3)]
    [TestCase("logs", "Logs_20140328.DescribeLogGroups", "", "nextToken", "logGroups", 3)]
    [TestCase("kms", "TrentService.ListAliases", "", "Marker", "Aliases", 4)]
    [TestCase("servicediscovery", "Route53AutoNaming_v20170314.ListNamespaces", "\"MaxResults\":1", "NextToken", "Namespaces", 1)]
    public async Task Json_lists_follow_their_tokens_to_every_item_once(string service, string target, string members, string tokenName, string list, int expected)
    {
        var items = new List<string>();
        string? token = null;
        var pages = 0;

        do
        {
            var fields = new[] { members, token is null ? "" : $"\"{tokenName}\":\"{token}\"" }.Where(f => f.Length > 0);
            var reply = await _aws.JsonAsync(service, target, "{" + string.Join(",", fields) + "}");
            items.AddRange(reply.Json.GetProperty(list).EnumerateArray().Select(e => e.GetRawText()));
            token = reply.Json.TryGetProperty(tokenName == "Marker" ? "NextMarker" : tokenName, out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 20);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(items, Is.Unique);
            Assert.That(items, Has.Count.EqualTo(expected));
        }
    }

    [Test]
    public async Task A_marker_from_another_operation_is_refused()
    {
        var first = await _aws.QueryAsync("rds", "Action=DescribeDBParameters&Version=2014-10-31&DBParameterGroupName=healthcare-pg16-dev");

        var reply = await _aws.QueryAsync("rds", "Action=DescribeDBInstances&Version=2014-10-31&Marker=" + Uri.EscapeDataString(first.Text("Marker")!));

        Assert.That(reply.ErrorCode, Is.EqualTo("InvalidParameterValue"));
    }
}
