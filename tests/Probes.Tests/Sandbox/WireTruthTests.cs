using System.Text.Json.Nodes;
using NUnit.Framework;
using Amazon.Runtime;
using Verification.Probes.Runs;
using Verification.Probes.Tests.Scenarios;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>The sandbox serves only what the official AWS models have: a scenario with an invented member is refused.</summary>
public sealed class WireTruthTests
{
    private static AwsModels Models => AwsModels.Find() ?? throw new AssertionException("The AWS models (../shared/aws-models beside the repository) were not found.");

    [Test]
    public void Every_shipped_scenario_carries_only_members_of_the_AWS_models()
    {
        var problems = Scenario.Shipped().SelectMany(name => Problems(name)).ToList();

        Assert.That(problems, Is.Empty);
    }

    [TestCase("rds", "DBInstances", "PubliclyAcessible")]
    [TestCase("ecs", "services", "networkConfig")]
    [TestCase("elasticache", "ReplicationGroups", "TransitEncryption")]
    [TestCase("logs", "logGroups", "retentionDays")]
    public void An_invented_member_is_named_as_unknown(string service, string list, string member)
    {
        var resources = new JsonObject { [service] = new JsonObject { [list] = new JsonArray(new JsonObject { [member] = "x" }) } };

        var unknown = Models.UnknownMembers(resources);

        Assert.That(unknown, Is.EqualTo(new[] { $"/resources/{service}/{list}/0/{member}: not a member of any {service} output shape" }));
    }

    [Test]
    public void A_misspelt_member_inside_a_nested_structure_is_named_with_its_path()
    {
        var resources = JsonNode.Parse("""{"rds": {"DBInstances": [{"Endpoint": {"Adress": "db.example"}}]}}""")!.AsObject();

        var unknown = Models.UnknownMembers(resources);

        Assert.That(unknown, Is.EqualTo(new[] { "/resources/rds/DBInstances/0/Endpoint/Adress: not a member of Endpoint" }));
    }

    [Test]
    public void The_sandbox_refuses_to_load_a_scenario_with_a_member_the_model_does_not_have()
    {
        var path = Path.Combine(Path.GetTempPath(), $"invented-member-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            {"base": "compliant-rds", "description": "invented member", "overrides": [
              {"set": "/resources/rds/DBInstances/0/EncryptedAtRestWithCustomerKey", "value": true}]}
            """);

        var error = Assert.Throws<ScenarioException>(() => Scenario.Load(path));

        Assert.That(error.Message, Does.Contain("EncryptedAtRestWithCustomerKey").And.Contain("AWS models"));
    }

    [TestCase("compliant-rds")]
    [TestCase("compliant-aurora")]
    public async Task Every_parameter_a_full_run_sends_is_a_member_of_its_operations_input_shape(string scenario)
    {
        var loaded = Scenario.Load(scenario);
        await using var sandbox = await SandboxServer.StartAsync(loaded);
        var settings = new RunSettings { OutputsPaths = [ScenarioRun.WriteOutputs(loaded)], Mode = "sandbox", SandboxScenario = scenario };
        await Engine.RunAsync(new EngineRequest { Settings = settings, Endpoint = sandbox.Endpoint, Credentials = new BasicAWSCredentials(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey), Time = TimeProvider.System }, CancellationToken.None);

        var unknown = sandbox.ParametersReceived.SelectMany(Models.UnknownParameters).Distinct(StringComparer.Ordinal).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sandbox.ParametersReceived.Count(r => r.Names.Count > 0), Is.GreaterThan(20), "the run sent too few parameters for the check to mean anything");
            Assert.That(unknown, Is.Empty);
        }
    }

    [Test]
    public void A_misspelt_parameter_is_named_with_the_input_shape_it_is_missing_from()
    {
        var request = new RequestMembers("rds", "DescribeDBParameters", "Query", ["DBParameterGroupName", "Markr"]);

        var unknown = Models.UnknownParameters(request);

        Assert.That(unknown, Is.EqualTo(new[] { "rds:DescribeDBParameters sends Markr, which its input shape DescribeDBParametersMessage does not have" }));
    }

    private static IEnumerable<string> Problems(string scenario)
    {
        try
        {
            Scenario.Load(scenario);
            return [];
        }
        catch (ScenarioException e)
        {
            return [e.Message];
        }
    }
}
