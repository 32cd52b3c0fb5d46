using NUnit.Framework;
using Verification.Probes.Connectivity;
using Verification.Probes.Connectivity.Checks;
using Verification.Probes.Controls;

namespace Verification.Probes.Tests.Connectivity;

/// <summary>A data-path check passes only with proof; a probe that could not run, or whose proof is missing, is an Error.</summary>
public sealed class DataPathCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static ProbeResult Result(ProbeOutcome outcome, ProbeFailure failure, params (string Key, string Value)[] evidence) =>
        new("postgres-tls", "db.example:5432", "db.example:5432", outcome, failure, "PostgreSQL at db.example:5432 answered.",
            evidence.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), Now, TimeSpan.FromMilliseconds(5));

    [Test]
    public void A_tls_pass_with_the_certificate_verified_against_the_name_passes()
    {
        var result = Result(ProbeOutcome.Pass, ProbeFailure.None, ("tls_version", "TLSv1.3"), ("certificate_chain_valid", "yes"), ("identity_verified", "yes"));

        var finding = new PostgresAcceptsVerifiedTls().Judge(result);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public void A_tls_pass_whose_certificate_name_was_not_verified_is_an_error_not_a_pass()
    {
        var result = Result(ProbeOutcome.Pass, ProbeFailure.None, ("tls_version", "TLSv1.3"), ("certificate_chain_valid", "yes"), ("identity_verified", "no (SkipIdentityVerification or no name to check)"));

        var finding = new PostgresAcceptsVerifiedTls().Judge(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("without proof").And.Contain("endpoint's name"));
        }
    }

    [Test]
    public void A_tls_pass_without_a_recorded_protocol_version_is_an_error()
    {
        var result = Result(ProbeOutcome.Pass, ProbeFailure.None, ("certificate_chain_valid", "yes"), ("identity_verified", "yes"));

        var finding = new RedisAcceptsAuthenticatedTls().Judge(result);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public void An_unreachable_endpoint_is_an_error_not_a_failure()
    {
        var result = Result(ProbeOutcome.Fail, ProbeFailure.Unreachable);

        var finding = new PostgresRefusesPlaintext().Judge(result);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public void Plaintext_accepted_is_a_failure_naming_what_was_observed()
    {
        var result = Result(ProbeOutcome.Fail, ProbeFailure.PlaintextAccepted, ("server_said", "ready for query"));

        var finding = new PostgresRefusesPlaintext().Judge(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Evidence["failure"], Is.EqualTo("PlaintextAccepted"));
        }
    }

    [Test]
    public void A_plaintext_refusal_with_no_refusal_recorded_is_an_error()
    {
        var result = Result(ProbeOutcome.Pass, ProbeFailure.None);

        var finding = new PostgresRefusesPlaintext().Judge(result);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public void A_redirect_that_is_not_to_https_is_an_error_even_when_the_probe_says_pass()
    {
        var result = Result(ProbeOutcome.Pass, ProbeFailure.None, ("status", "301"), ("location", "http://app.example/"));

        var finding = new AlbRedirectsHttpToHttps().Judge(result);

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task A_probe_that_throws_is_an_error_naming_the_check_and_never_printing_a_secret()
    {
        var outputs = Verification.Probes.Outputs.StackOutputsReader.Read(Path.Combine(Robustness.RepositoryRoot.Path, "outputs-samples", "terraform.json"));
        var credentials = new DataPathCredentials("app", "s3cr3t-value", "postgres", null);
        var context = new DataPathContext(outputs, DataPathTargets.From(outputs, new ConnectivitySettings()), credentials, new ConnectivitySettings(), TimeProvider.System);

        var finding = await new Throwing().RunAsync(context, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain(nameof(Throwing)).And.Not.Contain("s3cr3t-value"));
        }
    }

    [Test]
    public void A_data_path_check_that_produced_no_finding_could_not_evaluate()
    {
        var verdict = Gate.Verdict(Severity.Critical, [], Policy.Default);

        Assert.That(verdict, Is.EqualTo(ControlVerdict.CouldNotEvaluate));
    }

    private sealed class Throwing : DataPathCheck
    {
        public override string Title => "throws";

        public override string Remediation => "none";

        protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("socket layer broke while sending s3cr3t-value");
    }
}
