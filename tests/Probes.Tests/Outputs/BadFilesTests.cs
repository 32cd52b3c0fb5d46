using System.Text.Json;
using NUnit.Framework;
using Verification.Probes.Outputs;

namespace Verification.Probes.Tests.Outputs;

/// <summary>Every file under bad/ is refused with one message; bad/expectations.json says which fragment it must carry.</summary>
public sealed class BadFilesTests
{
    /// <summary>One row of bad/expectations.json.</summary>
    public sealed record BadFile(string File, string Format, string Expect)
    {
        public override string ToString() => File;
    }

    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private static string BadFolder => Path.Combine(AppContext.BaseDirectory, "Outputs", "bad");

    private static IEnumerable<TestCaseData> Corpus() =>
        Expectations().Select(bad => new TestCaseData(bad).SetArgDisplayNames(bad.File));

    private static List<BadFile> Expectations() =>
        JsonSerializer.Deserialize<List<BadFile>>(
            File.ReadAllText(Path.Combine(BadFolder, "expectations.json")),
            CaseInsensitive)!;

    [TestCaseSource(nameof(Corpus))]
    public void A_bad_file_is_refused_with_one_message_naming_the_file_the_format_and_the_expectation(BadFile bad)
    {
        var path = Path.Combine(BadFolder, bad.File);

        var error = Assert.Throws(Is.TypeOf<OutputsException>(), () => StackOutputsReader.Read(path))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain($"'{path}'"));
            Assert.That(error.Message, Does.Contain($"Format detected: {bad.Format}"));
            Assert.That(error.Message, Does.Contain(bad.Expect));
            Assert.That(error.Message, Does.Contain("Keys found: "));
            Assert.That(error.Message, Does.Not.Contain("   at "));
        }
    }

    [Test]
    public void The_corpus_holds_at_least_twenty_files_each_with_an_expectation()
    {
        var files = Directory.GetFiles(BadFolder).Select(Path.GetFileName).Where(f => f != "expectations.json").ToList();

        var expected = Expectations().Select(e => e.File).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expected, Is.EquivalentTo(files));
            Assert.That(expected, Has.Count.GreaterThanOrEqualTo(20));
        }
    }

    [Test]
    public void A_missing_file_is_refused_with_its_full_path()
    {
        var path = Path.Combine(BadFolder, "no-such-outputs.json");

        var error = Assert.Throws<OutputsException>(() => StackOutputsReader.Read(path));

        Assert.That(error.Message, Does.Contain("the file does not exist").And.Contain(Path.GetFullPath(path)).And.Contain("Format detected: not detected"));
    }

    [Test]
    public void A_directory_is_refused_and_the_file_inside_it_is_asked_for()
    {
        var error = Assert.Throws<OutputsException>(() => StackOutputsReader.Read(BadFolder));

        Assert.That(error.Message, Does.Contain($"'{BadFolder}'").And.Contain("this is a directory; expected the outputs JSON file itself"));
    }

    [Test]
    public void Every_problem_of_a_file_is_listed_in_the_one_message()
    {
        var outputs = SandboxOutputs.Required();
        outputs.Remove("vpc_id");
        outputs["kms_key_arn"] = "alias/healthcare";
        outputs["db_endpoint"] = "";

        var error = Assert.Throws<OutputsException>(() => StackOutputsReader.Parse("outputs.json", SandboxOutputs.Json(outputs)));

        Assert.That(error.Message, Does.Contain("missing vpc_id").And.Contain("kms_key_arn: expected").And.Contain("db_endpoint: expected"));
    }
}
