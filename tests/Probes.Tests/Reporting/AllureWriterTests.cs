using System.Text.Json;
using NUnit.Framework;
using Verification.Probes.Reporting;

namespace Verification.Probes.Tests.Reporting;

public sealed class AllureWriterTests
{
    [Test]
    public async Task Each_control_becomes_one_result_labelled_with_area_service_control_severity_and_each_citation()
    {
        var evidence = await Bundles.EvidenceOf("log-retention-7-days");
        var folder = Directory.CreateTempSubdirectory("verification-allure-").FullName;

        var written = AllureWriter.Write(evidence, folder, owner: "platform-security");
        var results = Directory.GetFiles(folder, "*-result.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).ToList();
        var retention = results.Single(r => Label(r, "story").Contains("LogGroupRetentionMeetsPolicy"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(written, Is.EqualTo(evidence.Controls.Count));
            Assert.That(results, Has.Count.EqualTo(evidence.Controls.Count));
            Assert.That(retention.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(Label(retention, "epic"), Is.EqualTo(new[] { "Retention" }));
            Assert.That(Label(retention, "feature"), Is.EqualTo(new[] { "CloudWatch Logs" }));
            Assert.That(Label(retention, "severity"), Is.EqualTo(new[] { "critical" }));
            Assert.That(Label(retention, "tag"), Is.EqualTo(new[] { "164.312(b)", "164.308(a)(1)(ii)(D)" }));
            Assert.That(Label(retention, "owner"), Is.EqualTo(new[] { "platform-security" }));
            Assert.That(Label(retention, "suite"), Is.EqualTo(new[] { "Retention" }));
            Assert.That(retention.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "resource", "region" }));
            Assert.That(retention.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()![..7]), Is.EqualTo(new[] { "collect", "evaluat" }));
            Assert.That(retention.GetProperty("statusDetails").GetProperty("message").GetString(), Does.Contain("Observed: retentionInDays=7").And.Contains("Expected:").And.Contains("Remediation:"));
        }
    }

    [Test]
    public async Task Every_attachment_a_result_names_is_written_beside_it()
    {
        var evidence = await Bundles.EvidenceOf("compliant-rds");
        var folder = Directory.CreateTempSubdirectory("verification-allure-").FullName;

        AllureWriter.Write(evidence, folder);
        var sources = Directory.GetFiles(folder, "*-result.json")
            .SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("attachments").EnumerateArray())
            .Select(a => a.GetProperty("source").GetString()!).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sources, Has.Count.EqualTo(evidence.Controls.Count));
            Assert.That(sources.Select(s => File.Exists(Path.Combine(folder, s))), Has.All.True);
        }
    }

    private static IEnumerable<string> Label(JsonElement result, string name) =>
        result.GetProperty("labels").EnumerateArray().Where(l => l.GetProperty("name").GetString() == name).Select(l => l.GetProperty("value").GetString()!);
}
