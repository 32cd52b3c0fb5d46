using System.Security.Cryptography;
using NUnit.Framework;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Outputs;

public sealed class SampleFilesTests
{
    private static readonly string[] Samples =
    [
        "pulumi.json",
        "terraform.json",
        "cdktf.json",
        "cloudformation-describe-stacks.json",
        "cloudformation-flat-outputs.json",
    ];

    [TestCaseSource(nameof(Samples))]
    public void Every_sample_reads_to_the_sandbox_stack(string file)
    {
        var outputs = StackOutputsReader.Read(SandboxOutputs.Sample(file));

        Assert.That(SandboxOutputs.Values(outputs), Is.EqualTo(SandboxOutputs.Values(SandboxOutputs.Expected)));
    }

    [TestCase("pulumi.json", "flat", null)]
    [TestCase("cloudformation-flat-outputs.json", "flat", null)]
    [TestCase("terraform.json", "terraform", null)]
    [TestCase("cdktf.json", "cdktf", "TapStackdev")]
    [TestCase("cloudformation-describe-stacks.json", "cloudformation", "TapStackdev")]
    public void Each_sample_reports_its_format_and_stack(string file, string format, string? stackName)
    {
        var outputs = StackOutputsReader.Read(SandboxOutputs.Sample(file));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.Format, Is.EqualTo(format));
            Assert.That(outputs.StackName, Is.EqualTo(stackName));
            Assert.That(outputs.SourceFile, Is.EqualTo(SandboxOutputs.Sample(file)));
        }
    }

    [TestCaseSource(nameof(Samples))]
    public void Each_sample_carries_the_lowercase_sha256_of_its_bytes(string file)
    {
        var path = SandboxOutputs.Sample(file);
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

        var outputs = StackOutputsReader.Read(path);

        Assert.That(outputs.Sha256, Is.EqualTo(expected).And.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void The_aurora_sample_reads_the_cluster_endpoint_beside_its_reader_endpoint()
    {
        var outputs = StackOutputsReader.Read(SandboxOutputs.Sample("aurora/terraform.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.DbEndpoint, Is.EqualTo(new HostPort("healthcare-aurora-dev.cluster-c9akciq32lxx.us-east-1.rds.amazonaws.com", 5432)));
            Assert.That(SandboxOutputs.Values(outputs with { DbEndpoint = SandboxOutputs.Expected.DbEndpoint }), Is.EqualTo(SandboxOutputs.Values(SandboxOutputs.Expected)));
        }
    }

    [Test]
    public void Raw_holds_every_key_of_the_file_including_structured_and_hidden_values()
    {
        var outputs = StackOutputsReader.Read(SandboxOutputs.Sample("pulumi.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.Raw, Has.Count.EqualTo(13));
            Assert.That(outputs.Raw["dbPassword"], Is.EqualTo("[secret]"));
            Assert.That(outputs.Raw["privateSubnetIds"], Is.EqualTo("[\"subnet-0a1b2c3d4e5f60001\",\"subnet-0a1b2c3d4e5f60002\"]"));
            Assert.That(outputs.Raw["vpcId"], Is.EqualTo("vpc-0a1b2c3d4e5f67890"));
        }
    }

    [Test]
    public void Raw_of_a_cdktf_file_keeps_the_construct_path_keys_as_written()
    {
        var outputs = StackOutputsReader.Read(SandboxOutputs.Sample("cdktf.json"));

        Assert.That(outputs.Raw.Keys, Does.Contain("networking_vpc_id_1A2B3C4D").And.Contain("compute_alb_dns_name"));
    }

    [Test]
    public void Parse_reads_text_already_loaded_and_hashes_its_utf8_bytes()
    {
        var text = File.ReadAllText(SandboxOutputs.Sample("terraform.json"));

        var outputs = StackOutputsReader.Parse("inline/terraform.json", text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.SourceFile, Is.EqualTo("inline/terraform.json"));
            Assert.That(outputs.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SandboxOutputs.Sample("terraform.json"))))));
            Assert.That(SandboxOutputs.Values(outputs), Is.EqualTo(SandboxOutputs.Values(SandboxOutputs.Expected)));
        }
    }
}
