using System.Text.Json;
using NUnit.Framework;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Outputs;

/// <summary>The sandbox stack's outputs as the brief states them, and helpers to write variants of them.</summary>
internal static class SandboxOutputs
{
    /// <summary>The values every sample must read to; file-specific properties (SourceFile, Format, Raw, Sha256) are left out.</summary>
    public static readonly StackOutputs Expected = new()
    {
        VpcId = "vpc-0a1b2c3d4e5f67890",
        AlbDnsName = "healthcare-alb-dev-1234567890.us-east-1.elb.amazonaws.com",
        DbEndpoint = new HostPort("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com", 5432),
        RedisEndpoint = new HostPort("master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com", 6379),
        KmsKeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        DbSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:healthcare/db/credentials-dev-AbCdEf",
        EcsClusterName = "healthcare-cluster-dev",
        EcsClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/healthcare-cluster-dev",
        LogGroupName = "/ecs/healthcare-dev",
        Region = "us-east-1",
        EnvironmentSuffix = "dev",
    };

    /// <summary>The required outputs under their snake_case names, as a flat file holds them.</summary>
    public static Dictionary<string, object?> Required() => new()
    {
        ["vpc_id"] = Expected.VpcId,
        ["alb_dns_name"] = Expected.AlbDnsName,
        ["db_endpoint"] = Expected.DbEndpoint.ToString(),
        ["redis_endpoint"] = Expected.RedisEndpoint.ToString(),
        ["kms_key_arn"] = Expected.KmsKeyArn,
        ["db_secret_arn"] = Expected.DbSecretArn,
    };

    /// <summary>The JSON text of a flat outputs file.</summary>
    public static string Json(Dictionary<string, object?> outputs) => JsonSerializer.Serialize(outputs);

    /// <summary>The required outputs with one renamed, e.g. db_endpoint written as "DbEndpoint".</summary>
    public static string WithKeyRenamed(string name, string writtenAs)
    {
        var outputs = Required();
        var value = outputs[name];
        outputs.Remove(name);
        outputs[writtenAs] = value;
        return Json(outputs);
    }

    /// <summary>The values a sample must agree on, as one comparable value.</summary>
    public static object Values(StackOutputs o) => new
    {
        o.VpcId,
        o.AlbDnsName,
        o.DbEndpoint,
        o.RedisEndpoint,
        o.KmsKeyArn,
        o.DbSecretArn,
        o.EcsClusterName,
        o.EcsClusterArn,
        o.LogGroupName,
        o.Region,
        o.EnvironmentSuffix,
    };

    /// <summary>Where the test run keeps the copied outputs-samples folder.</summary>
    public static string Sample(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "outputs-samples", file);
}
