using Amazon.Runtime;
using NUnit.Framework;
using Verification.Probes.Outputs;
using Verification.Probes.Runs;

namespace Verification.Probes.Tests.Robustness;

/// <summary>Malformed outputs files and runsettings values each give one message naming the input and what was expected; never a trace or a pass.</summary>
public sealed class BadInputTests
{
    /// <summary>One bad runsettings value: the parameter, the value, and a fragment the message must carry.</summary>
    public sealed record BadSetting(string Name, string Value, string Expect)
    {
        public override string ToString() => $"{Name}={Value}";
    }

    private static readonly BadSetting[] Settings =
    [
        new("Mode", "fast", "expected gate, audit or sandbox"),
        new("Outputs", " ; ", "expected one or more stack outputs files"),
        new("FailOn", "Severe", "expected one of Low, Medium, High, Critical"),
        new("MinLogRetentionDays", "thirty", "expected a whole number from 1 to 3653"),
        new("MinLogRetentionDays", "0", "expected a whole number from 1 to 3653"),
        new("MinBackupRetentionDays", "99", "expected a whole number from 0 to 35"),
        new("MinSnapshotRetentionDays", "-1", "expected a whole number from 0 to 35"),
        new("AllowNeverExpire", "yes", "expected true or false"),
        new("MaxServerlessCapacity", "1e3", "expected a whole number from 1 to 256"),
        new("CertificateExpiryWarningDays", "30 days", "expected a whole number from 0 to 365"),
        new("MaxAttempts", "0", "expected a whole number from 1 to 20"),
        new("MaxAttempts", "many", "expected a whole number from 1 to 20"),
        new("AttemptTimeoutSeconds", "0", "expected a whole number from 1 to 300"),
        new("TotalBudgetSeconds", "100000", "expected a whole number from 1 to 3600"),
        new("TotalBudgetSeconds", "5", "expected at least AttemptTimeoutSeconds"),
    ];

    private static IEnumerable<TestCaseData> SettingsCorpus() => Settings.Select(bad => new TestCaseData(bad).SetArgDisplayNames(bad.ToString()));

    private static string BadOutputsFolder => Path.Combine(AppContext.BaseDirectory, "Outputs", "bad");

    private static IEnumerable<TestCaseData> OutputsCorpus() =>
        Directory.GetFiles(BadOutputsFolder).Where(f => Path.GetFileName(f) != "expectations.json").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileName(f)));

    [TestCaseSource(nameof(SettingsCorpus))]
    public void A_bad_runsettings_value_is_refused_with_one_message_naming_the_setting_and_the_expectation(BadSetting bad)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["Outputs"] = "outputs.json", ["AttemptTimeoutSeconds"] = "20", [bad.Name] = bad.Value };

        var error = Assert.Throws<SettingsException>(() => RunSettings.Read(name => values.GetValueOrDefault(name), _ => null, Path.GetTempPath()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.StartWith($"Setting {bad.Name}"));
            Assert.That(error.Message, Does.Contain(bad.Expect));
            Assert.That(error.Message, Does.Not.Contain("   at "));
        }
    }

    [Test]
    public void An_unknown_runsettings_parameter_is_refused_with_its_name_and_the_known_ones()
    {
        var names = new[] { "Outputs", "MinLogRetentionDay", "Mode" };

        var error = Assert.Throws<SettingsException>(() => RunSettings.RejectUnknown(names));

        Assert.That(error.Message, Does.StartWith("Setting MinLogRetentionDay: not a setting this suite reads").And.Contain("MinLogRetentionDays"));
    }

    [Test]
    public void An_environment_override_is_validated_like_the_file()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["Outputs"] = "outputs.json" };

        var error = Assert.Throws<SettingsException>(() => RunSettings.Read(name => values.GetValueOrDefault(name), name => name == "VERIFY_MAX_ATTEMPTS" ? "lots" : null, Path.GetTempPath()));

        Assert.That(error.Message, Is.EqualTo("Setting MaxAttempts: expected a whole number from 1 to 20, found 'lots'."));
    }

    [TestCaseSource(nameof(OutputsCorpus))]
    public async Task A_bad_outputs_file_stops_the_run_before_any_aws_call_with_one_message_naming_it(string path)
    {
        var settings = new RunSettings { OutputsPaths = [path], Region = "us-east-1" };
        var unreachable = new Uri("http://127.0.0.1:9/");

        var run = await Engine.RunAsync(new EngineRequest { Settings = settings, Time = TimeProvider.System, Endpoint = unreachable, Credentials = new AnonymousAWSCredentials() }, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Calls, Is.Empty);
            Assert.That(run.Errors, Has.Count.EqualTo(1));
            Assert.That(run.Errors[0], Does.Contain(path).And.Not.Contain("   at "));
        }
    }
}
