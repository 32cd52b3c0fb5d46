using System.Xml.Linq;
using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Probes.Tests.Reporting;

public sealed class PolicyDeviationTests
{
    private static readonly Policy Loosened = Policy.Default with
    {
        FailOn = Severity.Critical,
        MinLogRetentionDays = 7,
        Waivers = [new Waiver("LogGroupRetentionMeetsPolicy", "arn:aws:logs:*:log-group:/ecs/healthcare-dev", "Archived to S3.", new DateOnly(2099, 1, 31), "ciso@example.org")],
    };

    [Test]
    public async Task A_run_on_the_shipped_policy_lists_no_deviation()
    {
        var evidence = await Bundles.EvidenceOf("compliant-rds");

        Assert.That(evidence.PolicyDeviations, Is.Empty);
    }

    [Test]
    public async Task Every_deviation_from_the_shipped_policy_is_in_evidence_json_with_shipped_used_and_effect()
    {
        var evidence = await Bundles.EvidenceWith("compliant-rds", run => run with { Policy = Loosened, AllowInsecureEndpoint = true });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.PolicyDeviations.Select(d => d.Setting), Is.EqualTo(new[] { "MinLogRetentionDays", "FailOn", "Waiver", "AllowInsecureEndpoint" }));
            Assert.That(evidence.PolicyDeviations[0], Is.EqualTo(new PolicyDeviation("MinLogRetentionDays", "30", "7", "looser: log groups must keep 7 days of logs instead of 30.")));
            Assert.That(evidence.PolicyDeviations[1].Effect, Does.StartWith("looser: failures below Critical are warnings"));
            Assert.That(evidence.PolicyDeviations.Select(d => d.Effect), Has.All.StartWith("looser"));
        }
    }

    [Test]
    public void A_stricter_setting_is_a_deviation_too_and_says_so()
    {
        var deviations = PolicyDeviation.Of(Policy.Default with { AllowNeverExpire = false, MinBackupRetentionDays = 35 }, DateTimeOffset.UnixEpoch);

        Assert.That(deviations.Select(d => d.Effect), Has.All.StartWith("stricter"));
    }

    [Test]
    public async Task Deviations_head_the_first_screen_of_evidence_html_and_are_in_JUnit_and_Allure_properties()
    {
        var evidence = await Bundles.EvidenceWith("compliant-rds", run => run with { Policy = Loosened });
        var folder = Directory.CreateTempSubdirectory("verification-deviations-").FullName;

        var html = EvidenceHtml.Render(evidence);
        JUnitWriter.Write(evidence, Path.Combine(folder, "junit"));
        AllureWriter.Write(evidence, Path.Combine(folder, "allure"), null);
        var junit = XDocument.Load(Path.Combine(folder, "junit", JUnitWriter.ComplianceFile));
        var allure = await File.ReadAllTextAsync(Path.Combine(folder, "allure", "environment.properties"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html.IndexOf("id=\"policy-deviations\"", StringComparison.Ordinal), Is.Positive.And.LessThan(html.IndexOf("</header>", StringComparison.Ordinal)));
            Assert.That(html, Does.Contain("FailOn").And.Contain("Critical"));
            Assert.That(junit.Descendants("testsuite").Select(s => s.Elements().First().Name.LocalName), Has.All.EqualTo("properties"));
            Assert.That(junit.Descendants("property").Select(p => (string?)p.Attribute("name")), Does.Contain("policy.deviation.3"));
            Assert.That(allure, Does.Contain("policy.deviations=3").And.Contain("policy.deviation.2=FailOn: shipped High, used Critical"));
        }
    }
}
