using System.Text.Json;
using NUnit.Framework;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Outputs;

public sealed class StackSelectionTests
{
    private static string TwoCdktfStacks()
    {
        var prod = SandboxOutputs.Required();
        prod["vpc_id"] = "vpc-0a1b2c3d4e5f60000";
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["TapStackdev"] = SandboxOutputs.Required(), ["TapStackprod"] = prod });
    }

    [Test]
    public void A_named_cdktf_stack_is_read_from_a_file_holding_several()
    {
        var outputs = StackOutputsReader.Parse("cdktf.json", TwoCdktfStacks(), stackName: "TapStackprod");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.StackName, Is.EqualTo("TapStackprod"));
            Assert.That(outputs.VpcId, Is.EqualTo("vpc-0a1b2c3d4e5f60000"));
        }
    }

    [Test]
    public void A_stack_name_not_in_the_file_is_refused_with_the_stacks_it_holds()
    {
        Assert.That(
            () => StackOutputsReader.Parse("cdktf.json", TwoCdktfStacks(), stackName: "TapStackqa"),
            Throws.TypeOf<OutputsException>().With.Message.Contains("stack 'TapStackqa' is not in the file; it holds stacks 'TapStackdev', 'TapStackprod'"));
    }

    [Test]
    public void A_stack_name_for_a_file_without_stacks_is_refused_rather_than_ignored()
    {
        Assert.That(
            () => StackOutputsReader.Read(SandboxOutputs.Sample("terraform.json"), stackName: "TapStackdev"),
            Throws.TypeOf<OutputsException>().With.Message.Contains("stack 'TapStackdev' was asked for"));
    }

    [Test]
    public void Outputs_split_across_two_files_are_read_as_one_stack()
    {
        var directory = Directory.CreateTempSubdirectory("outputs-");
        var network = SandboxOutputs.Required();
        var app = SandboxOutputs.Required();
        network.Remove("db_endpoint");
        app.Remove("vpc_id");
        File.WriteAllText(Path.Combine(directory.FullName, "network.json"), SandboxOutputs.Json(network));
        File.WriteAllText(Path.Combine(directory.FullName, "app.json"), SandboxOutputs.Json(app));

        var outputs = StackOutputsReader.ReadMany([Path.Combine(directory.FullName, "network.json"), Path.Combine(directory.FullName, "app.json")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.VpcId, Is.EqualTo(SandboxOutputs.Expected.VpcId));
            Assert.That(outputs.DbEndpoint, Is.EqualTo(SandboxOutputs.Expected.DbEndpoint));
            Assert.That(outputs.Format, Is.EqualTo("flat"));
            Assert.That(outputs.Sha256, Does.Match("^[0-9a-f]{64}$"));
        }

        directory.Delete(recursive: true);
    }

    [Test]
    public void One_output_with_different_values_in_two_files_is_an_error_naming_both_files()
    {
        var terraform = SandboxOutputs.Sample("terraform.json");
        var aurora = SandboxOutputs.Sample("aurora/terraform.json");

        var error = Assert.Throws<OutputsException>(() => StackOutputsReader.ReadMany([terraform, aurora]));

        Assert.That(error.Message, Does.Contain($"db_endpoint: 2 keys could be it ('{terraform}:db_endpoint', '{aurora}:db_endpoint')"));
    }

    [Test]
    public void No_paths_at_all_is_refused()
    {
        Assert.That(
            () => StackOutputsReader.ReadMany([]),
            Throws.TypeOf<OutputsException>().With.Message.Contains("no outputs file was given"));
    }

    [Test]
    public void Raw_keeps_both_values_of_a_key_that_differs_between_files_each_under_its_path()
    {
        var directory = Directory.CreateTempSubdirectory("outputs-");
        var first = Path.Combine(directory.FullName, "one.json");
        var second = Path.Combine(directory.FullName, "two.json");
        var one = SandboxOutputs.Required();
        one["note"] = "first";
        var two = new Dictionary<string, object?> { ["note"] = "second", ["environment_suffix"] = "dev" };
        File.WriteAllText(first, SandboxOutputs.Json(one));
        File.WriteAllText(second, SandboxOutputs.Json(two));

        var outputs = StackOutputsReader.ReadMany([first, second]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.Raw[$"{first}:note"], Is.EqualTo("first"));
            Assert.That(outputs.Raw[$"{second}:note"], Is.EqualTo("second"));
            Assert.That(outputs.Raw["vpc_id"], Is.EqualTo(SandboxOutputs.Expected.VpcId));
            Assert.That(outputs.SourceFile, Is.EqualTo($"{first}, {second}"));
        }

        directory.Delete(recursive: true);
    }
}
