using NUnit.Framework;
using System.Text.Json.Nodes;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

public sealed class ScenarioTests
{
    private static readonly string[] ControlIds = [.. Verification.Probes.Controls.ControlCatalog.All.Select(c => c.Id)];

    private static IEnumerable<string> Shipped() => Scenario.Shipped();

    private static IEnumerable<string> Defective() => Scenario.Shipped().Where(n => !n.StartsWith("compliant-", StringComparison.Ordinal));

    [Test]
    public void The_sandbox_ships_the_two_compliant_stacks_and_the_original_defects()
    {
        var names = Scenario.Shipped();

        Assert.That(names, Is.SupersetOf(new[]
        {
            "compliant-rds", "compliant-aurora", "log-retention-7-days", "log-group-not-encrypted", "redis-at-rest-unencrypted", "rds-public",
            "rds-unencrypted", "rds-backup-7-days", "service-connect-plain-namespace", "ecs-public-ip", "secret-default-key",
            "second-db-unencrypted", "db-in-public-subnet",
        }));
    }

    [TestCaseSource(nameof(Shipped))]
    public void Every_scenario_loads_with_a_description_region_and_resources(string name)
    {
        var scenario = Scenario.Load(name);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Description, Is.Not.Empty);
            Assert.That(scenario.Region, Is.EqualTo("us-east-1"));
            Assert.That(scenario.Account, Is.EqualTo("123456789012"));
            Assert.That(scenario.Outputs["kms_key_arn"], Is.EqualTo("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
            Assert.That(scenario.PlantedSecrets.Select(s => s.Name), Is.EquivalentTo(new[] { "db-password", "redis-auth-token" }));
        }
    }

    [TestCaseSource(nameof(Defective))]
    public void Every_defective_scenario_derives_from_a_compliant_base_and_names_known_controls(string name)
    {
        var scenario = Scenario.Load(name);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Base, Does.StartWith("compliant-"));
            Assert.That(Scenario.Load(scenario.Base!).ExpectedFailures, Is.Empty);
            Assert.That(scenario.ExpectedFailures, Is.Not.Empty.And.SubsetOf(ControlIds));
        }
    }

    [TestCase("compliant-rds", "healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com")]
    [TestCase("compliant-aurora", "healthcare-aurora-dev.cluster-c9akciq32lxx.us-east-1.rds.amazonaws.com")]
    public void The_db_secret_holds_the_planted_password_and_points_at_the_db_endpoint(string name, string host)
    {
        var scenario = Scenario.Load(name);

        var secret = scenario.Select("/resources/secretsmanager/Secrets/0/SecretString")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret["password"]!.GetValue<string>(), Is.EqualTo(scenario.PlantedSecrets.Single(s => s.Name == "db-password").Value));
            Assert.That(secret["host"]!.GetValue<string>(), Is.EqualTo(host));
            Assert.That(secret["port"]!.GetValue<int>(), Is.EqualTo(5432));
            Assert.That(scenario.Outputs["db_endpoint"], Is.EqualTo(host + ":5432"));
        }
    }

    [TestCase("rds-public", "/resources/rds/DBInstances/0/PubliclyAccessible", "true")]
    [TestCase("rds-backup-7-days", "/resources/rds/DBInstances/0/BackupRetentionPeriod", "7")]
    [TestCase("rds-unencrypted", "/resources/rds/DBInstances/0/StorageEncrypted", "false")]
    [TestCase("log-retention-7-days", "/resources/logs/logGroups/logGroupName=~1ecs~1healthcare-dev/retentionInDays", "7")]
    [TestCase("ecs-public-ip", "/resources/ecs/services/0/networkConfiguration/awsvpcConfiguration/assignPublicIp", "ENABLED")]
    [TestCase("service-connect-plain-namespace", "/resources/ecs/clusters/0/serviceConnectDefaults/namespace", "healthcare-dev.local")]
    [TestCase("db-in-public-subnet", "/resources/rds/DBSubnetGroups/0/Subnets/1/SubnetIdentifier", "subnet-0a1b2c3d4e5f60004")]
    [TestCase("redis-at-rest-unencrypted", "/resources/elasticache/ReplicationGroups/0/AtRestEncryptionEnabled", "false")]
    public void A_defective_scenario_changes_exactly_the_field_its_defect_names(string name, string path, string expected)
    {
        var value = Scenario.Load(name).Select(path);

        Assert.That(value?.ToJsonString().Trim('"'), Is.EqualTo(expected));
    }

    [TestCase("log-group-not-encrypted", "/resources/logs/logGroups/logGroupName=~1ecs~1healthcare-dev/kmsKeyId")]
    [TestCase("secret-default-key", "/resources/secretsmanager/Secrets/0/KmsKeyId")]
    [TestCase("rds-unencrypted", "/resources/rds/DBInstances/0/KmsKeyId")]
    public void A_defective_scenario_removes_the_key_its_defect_names(string name, string path)
    {
        var scenario = Scenario.Load(name);

        Assert.That(scenario.Select(path), Is.Null);
    }

    [Test]
    public void The_second_db_scenario_adds_an_unencrypted_instance_beside_the_stack_database()
    {
        var instances = Scenario.Load("second-db-unencrypted").Select("/resources/rds/DBInstances")!.AsArray();

        Assert.That(instances.Select(i => (i!["DBInstanceIdentifier"]!.GetValue<string>(), i["StorageEncrypted"]!.GetValue<bool>())),
            Is.EqualTo(new[] { ("healthcare-db-dev", true), ("healthcare-reports-dev", false) }));
    }

    [Test]
    public void A_scenario_file_outside_the_shipped_folder_resolves_its_base_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, new JsonObject
        {
            ["base"] = "compliant-aurora",
            ["description"] = "paged one item at a time",
            ["overrides"] = new JsonArray(new JsonObject { ["set"] = "/pageSize", ["value"] = 1 }),
        }.ToJsonString());

        var scenario = Scenario.Load(path);
        File.Delete(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.PageSize, Is.EqualTo(1));
            Assert.That(scenario.Select("/resources/rds/DBClusters/0/DBClusterIdentifier")!.GetValue<string>(), Is.EqualTo("healthcare-aurora-dev"));
        }
    }

    [Test]
    public void An_unknown_scenario_is_refused_with_the_shipped_names_listed()
    {
        Assert.That(() => Scenario.Load("no-such-stack"), Throws.TypeOf<ScenarioException>().With.Message.Contains("compliant-rds"));
    }
}
