using System.Text.Json;
using NUnit.Framework;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>Every operation the collector asks answers in its service's genuine wire format.</summary>
public sealed class WireFormatTests
{
    private const string Rds = "Version=2014-10-31";
    private const string Cache = "Version=2015-02-02";
    private const string Elb = "Version=2015-12-01";
    private const string LoadBalancer = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/healthcare-alb-dev/50dc6c495c0c9188";

    private SandboxServer _server = null!;
    private RawAws _aws = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SandboxServer.StartAsync(Scenario.Load("compliant-aurora"));
        _aws = new RawAws(_server.Endpoint);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _aws.Dispose();
        await _server.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> QueryOperations()
    {
        yield return Query("rds", "DescribeDBInstances", Rds, "DBInstances", "DBInstance");
        yield return Query("rds", "DescribeDBClusters", Rds, "DBClusters", "DBCluster");
        yield return Query("rds", "DescribeDBSubnetGroups", Rds, "DBSubnetGroups", "DBSubnetGroup");
        yield return Query("rds", "DescribeDBParameters", Rds + "&DBParameterGroupName=healthcare-aurora-instance-pg16-dev", "Parameters", "Parameter");
        yield return Query("rds", "DescribeDBClusterParameters", Rds + "&DBClusterParameterGroupName=healthcare-aurora-pg16-dev", "Parameters", "Parameter");
        yield return Query("rds", "DescribeDBEngineVersions", Rds + "&Engine=aurora-postgresql", "DBEngineVersions", "DBEngineVersion");
        yield return Query("elasticache", "DescribeReplicationGroups", Cache, "ReplicationGroups", "ReplicationGroup");
        yield return Query("elasticache", "DescribeCacheClusters", Cache, "CacheClusters", "CacheCluster");
        yield return Query("elasticache", "DescribeCacheSubnetGroups", Cache, "CacheSubnetGroups", "CacheSubnetGroup");
        yield return Query("elasticloadbalancing", "DescribeLoadBalancers", Elb, "LoadBalancers", "member");
        yield return Query("elasticloadbalancing", "DescribeListeners", Elb + "&LoadBalancerArn=" + Uri.EscapeDataString(LoadBalancer), "Listeners", "member");
        yield return Query("iam", "SimulatePrincipalPolicy", "Version=2010-05-08&PolicySourceArn=" + Uri.EscapeDataString("arn:aws:iam::123456789012:role/healthcare-ecs-execution-dev")
            + "&ActionNames.member.1=kms%3ADecrypt", "EvaluationResults", "member");
        yield return Query("iam", "GetRole", "Version=2010-05-08&RoleName=healthcare-ecs-execution-dev", "Role", null);
        yield return Query("sts", "GetCallerIdentity", "Version=2011-06-15", "Account", null);
    }

    private static TestCaseData Query(string service, string action, string parameters, string member, string? item) =>
        new TestCaseData(service, action, parameters, member, item).SetName($"{service}:{action} answers <{action}Response><{action}Result><{member}>");

    private static IEnumerable<TestCaseData> JsonOperations()
    {
        const string Ecs = "AmazonEC2ContainerServiceV20141113.";
        const string Cluster = "\"cluster\":\"healthcare-cluster-dev\"";
        yield return Json("ecs", Ecs + "ListClusters", "{}", "clusterArns");
        yield return Json("ecs", Ecs + "DescribeClusters", "{\"clusters\":[\"healthcare-cluster-dev\"],\"include\":[\"SETTINGS\"]}", "clusters");
        yield return Json("ecs", Ecs + "ListServices", "{" + Cluster + "}", "serviceArns");
        yield return Json("ecs", Ecs + "DescribeServices", "{" + Cluster + ",\"services\":[\"healthcare-app-dev\"]}", "services");
        yield return Json("ecs", Ecs + "DescribeTaskDefinition", "{\"taskDefinition\":\"healthcare-app-dev:1\"}", "taskDefinition");
        yield return Json("ecs", Ecs + "ListTasks", "{" + Cluster + ",\"desiredStatus\":\"STOPPED\"}", "taskArns");
        yield return Json("ecs", Ecs + "DescribeTasks", "{" + Cluster + ",\"tasks\":[\"3f1c9a7e2b4d4e6f8a0b1c2d3e4f5061\"]}", "tasks");
        yield return Json("servicediscovery", "Route53AutoNaming_v20170314.GetNamespace", "{\"Id\":\"ns-abcd1234xmpl5678\"}", "Namespace");
        yield return Json("servicediscovery", "Route53AutoNaming_v20170314.ListNamespaces", "{}", "Namespaces");
        yield return Json("secretsmanager", "secretsmanager.DescribeSecret", "{\"SecretId\":\"healthcare/db/credentials-dev\"}", "KmsKeyId");
        yield return Json("secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:healthcare/db/credentials-dev-AbCdEf\"}", "SecretString");
        yield return Json("logs", "Logs_20140328.DescribeLogGroups", "{}", "logGroups");
        yield return Json("kms", "TrentService.ListAliases", "{}", "Aliases");
    }

    private static TestCaseData Json(string service, string target, string body, string member) =>
        new TestCaseData(service, target, body, member).SetName($"{target} answers JSON with {member}");

    [TestCaseSource(nameof(QueryOperations))]
    public async Task Query_operations_answer_with_the_response_and_result_wrappers_and_list_item_names(string service, string action, string parameters, string member, string? item)
    {
        var reply = await _aws.QueryAsync(service, $"Action={action}&{parameters}");

        var result = reply.Xml.Elements().First();
        var list = result.Elements().FirstOrDefault(e => e.Name.LocalName == member);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(200), reply.Body);
            Assert.That(reply.ContentType, Is.EqualTo("text/xml"));
            Assert.That(reply.Xml.Name.LocalName, Is.EqualTo(action + "Response"));
            Assert.That(result.Name.LocalName, Is.EqualTo(action + "Result"));
            Assert.That(list, Is.Not.Null);
            Assert.That(item is null || list!.Elements().All(e => e.Name.LocalName == item), Is.True, reply.Body);
            Assert.That(reply.Text("RequestId"), Is.Not.Null);
        }
    }

    [TestCaseSource(nameof(JsonOperations))]
    public async Task Json_operations_answer_json_1_1_with_a_request_id(string service, string target, string body, string member)
    {
        var reply = await _aws.JsonAsync(service, target, body);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(200), reply.Body);
            Assert.That(reply.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(reply.RequestId, Is.Not.Null);
            Assert.That(reply.Json.TryGetProperty(member, out _), Is.True, reply.Body);
        }
    }

    [Test]
    public async Task Ec2_answers_without_a_result_wrapper_with_a_lower_camel_request_id_and_item_lists()
    {
        var reply = await _aws.QueryAsync("ec2", "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-0a1b2c3d4e5f67890");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Xml.Name.LocalName, Is.EqualTo("DescribeSubnetsResponse"));
            Assert.That(reply.Xml.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "requestId", "subnetSet", "nextToken" }));
            Assert.That(reply.Xml.Elements().ElementAt(1).Elements().Select(e => e.Name.LocalName), Is.All.EqualTo("item"));
        }
    }

    [Test]
    public async Task A_db_instance_embeds_its_subnet_group_as_a_structure_while_a_cluster_names_it()
    {
        var instance = await _aws.QueryAsync("rds", "Action=DescribeDBInstances&" + Rds);
        var cluster = await _aws.QueryAsync("rds", "Action=DescribeDBClusters&" + Rds);

        var embedded = instance.Xml.Descendants().First(e => e.Name.LocalName == "DBSubnetGroup");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(embedded.Descendants().Where(e => e.Name.LocalName == "SubnetIdentifier").Select(e => e.Value),
                Is.EqualTo(new[] { "subnet-0a1b2c3d4e5f60005", "subnet-0a1b2c3d4e5f60006" }));
            Assert.That(cluster.Text("DBSubnetGroup"), Is.EqualTo("healthcare-db-subnets-dev"));
            Assert.That(cluster.Text("MaxCapacity"), Is.EqualTo("16.0"));
            Assert.That(instance.Text("DBInstanceClass"), Is.EqualTo("db.serverless"));
        }
    }

    [Test]
    public async Task The_secret_value_is_a_json_string_carrying_the_planted_password()
    {
        var reply = await _aws.JsonAsync("secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"healthcare/db/credentials-dev\"}");

        using var secret = JsonDocument.Parse(reply.Json.GetProperty("SecretString").GetString()!);
        Assert.That(secret.RootElement.GetProperty("password").GetString(), Is.EqualTo(_server.Scenario.PlantedSecrets.Single(s => s.Name == "db-password").Value));
    }

    [Test]
    public async Task The_role_trust_policy_is_url_encoded_as_iam_sends_it()
    {
        var reply = await _aws.QueryAsync("iam", "Action=GetRole&Version=2010-05-08&RoleName=healthcare-ecs-execution-dev");

        Assert.That(reply.Text("AssumeRolePolicyDocument"), Does.StartWith("%7B%22Version%22"));
    }

    [Test]
    public async Task Cluster_settings_are_returned_only_when_included()
    {
        var reply = await _aws.JsonAsync("ecs", "AmazonEC2ContainerServiceV20141113.DescribeClusters", "{\"clusters\":[\"healthcare-cluster-dev\"]}");

        Assert.That(reply.Json.GetProperty("clusters")[0].TryGetProperty("settings", out _), Is.False);
    }

    [TestCase("rds", "Action=DescribeDBInstances&Version=2014-10-31&DBInstanceIdentifier=missing-db", 404, "DBInstanceNotFound")]
    [TestCase("elasticache", "Action=DescribeReplicationGroups&Version=2015-02-02&ReplicationGroupId=missing", 404, "ReplicationGroupNotFoundFault")]
    [TestCase("iam", "Action=GetRole&Version=2010-05-08&RoleName=missing", 404, "NoSuchEntity")]
    [TestCase("rds", "Action=DescribeDBParameters&Version=2014-10-31&DBParameterGroupName=missing", 404, "DBParameterGroupNotFound")]
    [TestCase("rds", "Action=DeleteDBInstance&Version=2014-10-31", 400, "InvalidAction")]
    public async Task Query_errors_arrive_in_the_ErrorResponse_envelope_with_the_aws_status(string service, string form, int status, string code)
    {
        var reply = await _aws.QueryAsync(service, form);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(status));
            Assert.That(reply.Xml.Name.LocalName, Is.EqualTo("ErrorResponse"));
            Assert.That(reply.ErrorCode, Is.EqualTo(code));
        }
    }

    [Test]
    public async Task Ec2_errors_arrive_in_the_Response_Errors_envelope_with_a_capital_request_id()
    {
        var reply = await _aws.QueryAsync("ec2", "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=no-such-filter&Filter.1.Value.1=x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(400));
            Assert.That(reply.Xml.Name.LocalName, Is.EqualTo("Response"));
            Assert.That(reply.ErrorCode, Is.EqualTo("InvalidParameterValue"));
            Assert.That(reply.Text("RequestID"), Is.Not.Null);
        }
    }

    [TestCase("servicediscovery", "Route53AutoNaming_v20170314.GetNamespace", "{\"Id\":\"ns-missing\"}", "NamespaceNotFound", "Message")]
    [TestCase("secretsmanager", "secretsmanager.DescribeSecret", "{\"SecretId\":\"missing\"}", "ResourceNotFoundException", "Message")]
    [TestCase("kms", "TrentService.GetKeyPolicy", "{\"KeyId\":\"00000000-0000-0000-0000-000000000000\"}", "NotFoundException", "message")]
    [TestCase("ecs", "AmazonEC2ContainerServiceV20141113.ListServices", "{\"cluster\":\"missing\"}", "ClusterNotFoundException", "message")]
    [TestCase("logs", "Logs_20140328.DeleteLogGroup", "{}", "UnknownOperationException", "message")]
    public async Task Json_errors_carry_the_type_and_the_service_own_message_key(string service, string target, string body, string code, string messageKey)
    {
        var reply = await _aws.JsonAsync(service, target, body);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.Status, Is.EqualTo(400));
            Assert.That(reply.ErrorCode, Is.EqualTo(code));
            Assert.That(reply.Json.TryGetProperty(messageKey, out _), Is.True, reply.Body);
        }
    }
}
