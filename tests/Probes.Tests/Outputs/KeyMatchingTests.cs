using NUnit.Framework;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Outputs;

public sealed class KeyMatchingTests
{
    [TestCase("db_endpoint")]
    [TestCase("DbEndpoint")]
    [TestCase("dbEndpoint")]
    [TestCase("DB_ENDPOINT")]
    [TestCase("db-endpoint")]
    [TestCase("database_db_endpoint")]
    [TestCase("database_db_endpoint_5E6F7A8B")]
    [TestCase("database_db_endpoint_5e6f7a8b")]
    [TestCase("DatabaseDbEndpoint5E6F7A8B")]
    [TestCase("databaseDbEndpoint")]
    [TestCase("RDSDbEndpoint")]
    [TestCase("Database/DbEndpoint")]
    public void Db_endpoint_is_found_whatever_its_case_style_or_construct_path(string key)
    {
        var text = SandboxOutputs.WithKeyRenamed("db_endpoint", key);

        var outputs = StackOutputsReader.Parse("outputs.json", text);

        Assert.That(outputs.DbEndpoint, Is.EqualTo(SandboxOutputs.Expected.DbEndpoint));
    }

    [TestCase("mydbendpoint")]
    [TestCase("Mydbendpoint")]
    [TestCase("db_endpoints")]
    [TestCase("db_endpoint_host")]
    public void A_key_that_only_contains_the_name_inside_a_word_is_not_taken_for_it(string key)
    {
        var text = SandboxOutputs.WithKeyRenamed("db_endpoint", key);

        Assert.That(
            () => StackOutputsReader.Parse("outputs.json", text),
            Throws.TypeOf<OutputsException>().With.Message.Contains("missing db_endpoint"));
    }

    [Test]
    public void Outputs_without_db_endpoint_are_rejected_with_the_missing_key_named()
    {
        var outputs = SandboxOutputs.Required();
        outputs.Remove("db_endpoint");

        var error = Assert.Throws<OutputsException>(() => StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("missing db_endpoint"));
            Assert.That(error.Message, Does.Contain("Keys found: alb_dns_name, db_secret_arn, kms_key_arn, redis_endpoint, vpc_id"));
            Assert.That(error.Message, Does.Contain("Format detected: flat (Pulumi stack output --json, CloudFormation flat-outputs.json)"));
        }
    }

    [Test]
    public void Two_keys_ending_in_one_output_name_are_an_error_naming_both_even_when_one_matches_exactly()
    {
        var outputs = SandboxOutputs.Required();
        outputs["replica_db_endpoint"] = "healthcare-db-replica-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com:5432";

        var error = Assert.Throws<OutputsException>(() => StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs)));

        Assert.That(error.Message, Does.Contain("'db_endpoint'").And.Contain("'replica_db_endpoint'"));
    }

    [Test]
    public void A_reader_endpoint_beside_the_writer_endpoint_is_not_ambiguous()
    {
        var outputs = SandboxOutputs.Required();
        outputs["db_reader_endpoint"] = "healthcare-aurora-dev.cluster-ro-c9akciq32lxx.us-east-1.rds.amazonaws.com:5432";

        var read = StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs));

        Assert.That(read.DbEndpoint, Is.EqualTo(SandboxOutputs.Expected.DbEndpoint));
    }

    [TestCase("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com", 5432)]
    [TestCase("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com:6432", 6432)]
    [TestCase("10.0.20.5:5432", 5432)]
    public void Db_endpoint_takes_the_postgres_port_unless_one_is_written(string endpoint, int port)
    {
        var outputs = SandboxOutputs.Required();
        outputs["db_endpoint"] = endpoint;

        var read = StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs));

        Assert.That(read.DbEndpoint.Port, Is.EqualTo(port));
    }

    [Test]
    public void Redis_endpoint_without_a_port_takes_6379()
    {
        var outputs = SandboxOutputs.Required();
        outputs["redis_endpoint"] = "master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com";

        var read = StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs));

        Assert.That(read.RedisEndpoint, Is.EqualTo(SandboxOutputs.Expected.RedisEndpoint));
    }

    [Test]
    public void Optional_outputs_may_be_absent_and_read_as_null()
    {
        var read = StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(SandboxOutputs.Required()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.EcsClusterName, Is.Null);
            Assert.That(read.EcsClusterArn, Is.Null);
            Assert.That(read.LogGroupName, Is.Null);
            Assert.That(read.Region, Is.Null);
            Assert.That(read.EnvironmentSuffix, Is.Null);
        }
    }

    [Test]
    public void The_cluster_name_is_taken_from_the_cluster_arn_when_only_the_arn_is_exported()
    {
        var outputs = SandboxOutputs.Required();
        outputs["ecs_cluster_arn"] = SandboxOutputs.Expected.EcsClusterArn;

        var read = StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs));

        Assert.That(read.EcsClusterName, Is.EqualTo("healthcare-cluster-dev"));
    }

    [Test]
    public void A_vpc_id_of_eight_hex_digits_from_an_older_account_is_accepted()
    {
        var outputs = SandboxOutputs.Required();
        outputs["vpc_id"] = "vpc-0a1b2c3d";

        var read = StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs));

        Assert.That(read.VpcId, Is.EqualTo("vpc-0a1b2c3d"));
    }

    [Test]
    public void An_optional_output_hidden_by_pulumi_reads_as_absent()
    {
        var outputs = SandboxOutputs.Required();
        outputs["region"] = "[secret]";

        var read = StackOutputsReader.Parse("pulumi.json", SandboxOutputs.Json(outputs));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(read.Region, Is.Null);
            Assert.That(read.Raw["region"], Is.EqualTo("[secret]"));
        }
    }
}
