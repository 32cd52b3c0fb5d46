using NUnit.Framework;
using Verification.Probes.Reporting;

namespace Verification.Probes.Tests.Reporting;

public sealed class SignatureTests
{
    public static IEnumerable<TestCaseData> Keys()
    {
        yield return new TestCaseData("ECDSA-SHA256", Bundles.EcdsaKey()).SetName("ECDSA");
        yield return new TestCaseData("RSA-PKCS1-SHA256", Bundles.RsaKey()).SetName("RSA");
    }

    [TestCaseSource(nameof(Keys))]
    public async Task A_signed_bundle_verifies_with_the_signers_public_key(string algorithm, string privateKey)
    {
        var bundle = await Bundles.WriteAsync("compliant-rds", privateKey);

        var report = EvidenceCheck.Check(bundle, Bundles.PublicKeyOf(privateKey));
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(bundle, "evidence.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Signature, Is.EqualTo(SignatureStatus.Verified));
            Assert.That(report.Passed, Is.True);
            Assert.That(evidence.Signature.Algorithm, Is.EqualTo(algorithm));
            Assert.That(evidence.Signature.PublicKeySha256, Is.EqualTo(ManifestSignature.Fingerprint(Bundles.PublicKeyOf(privateKey))));
        }
    }

    [TestCaseSource(nameof(Keys))]
    public async Task A_signed_bundle_fails_against_another_key(string algorithm, string privateKey)
    {
        var bundle = await Bundles.WriteAsync("compliant-rds", privateKey);

        var report = EvidenceCheck.Check(bundle, Bundles.PublicKeyOf(Bundles.EcdsaKey()));

        Assert.That(report.Signature, Is.EqualTo(SignatureStatus.Invalid), algorithm);
    }

    [Test]
    public async Task A_re_written_manifest_no_longer_matches_its_signature()
    {
        var key = Bundles.EcdsaKey();
        var bundle = await Bundles.WriteAsync("compliant-rds", key);
        await File.AppendAllTextAsync(Path.Combine(bundle, "evidence.html"), "<!-- edited -->");
        Manifest.Write(bundle);

        var report = EvidenceCheck.Check(bundle, Bundles.PublicKeyOf(key));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.ManifestProblems, Is.Empty);
            Assert.That(report.Signature, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(report.Passed, Is.False);
        }
    }

    [Test]
    public async Task An_unsigned_bundle_checked_with_a_public_key_reports_the_signature_missing()
    {
        var bundle = await Bundles.WriteAsync("compliant-rds");

        var report = EvidenceCheck.Check(bundle, Bundles.PublicKeyOf(Bundles.EcdsaKey()));

        Assert.That(report.Signature, Is.EqualTo(SignatureStatus.MissingSignature));
    }

    [Test]
    public async Task A_signed_bundle_checked_only_against_the_key_it_carries_is_unproven()
    {
        var bundle = await Bundles.WriteAsync("compliant-rds", Bundles.EcdsaKey());

        var report = EvidenceCheck.Check(bundle, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Signature, Is.EqualTo(SignatureStatus.VerifiedWithBundledKey));
            Assert.That(report.ExitCode, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task A_pinned_fingerprint_verifies_the_key_the_bundle_carries_and_another_fingerprint_does_not()
    {
        var key = Bundles.EcdsaKey();
        var bundle = await Bundles.WriteAsync("compliant-rds", key);

        var pinned = EvidenceCheck.CheckPinned(bundle, new PinnedKey(Sha256: ManifestSignature.Fingerprint(Bundles.PublicKeyOf(key)).ToUpperInvariant()));
        var other = EvidenceCheck.CheckPinned(bundle, new PinnedKey(Sha256: ManifestSignature.Fingerprint(Bundles.PublicKeyOf(Bundles.EcdsaKey()))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pinned.Verdict, Is.EqualTo(EvidenceVerdict.Verified));
            Assert.That(other.Signature, Is.EqualTo(SignatureStatus.Invalid));
            Assert.That(other.Verdict, Is.EqualTo(EvidenceVerdict.Tampered));
        }
    }

    [Test]
    public async Task A_bundle_that_says_it_is_unsigned_but_carries_a_signature_is_tampered()
    {
        var key = Bundles.EcdsaKey();
        var signed = await Bundles.WriteAsync("compliant-rds", key);
        var bundle = await Bundles.WriteAsync("compliant-rds");
        File.Copy(Path.Combine(signed, ManifestSignature.FileName), Path.Combine(bundle, ManifestSignature.FileName));

        var report = EvidenceCheck.Check(bundle, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Signature, Is.EqualTo(SignatureStatus.Inconsistent));
            Assert.That(report.SignatureDetail, Does.Contain("says the bundle is unsigned"));
            Assert.That(report.ExitCode, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_bundle_that_says_it_is_signed_but_lost_its_signature_is_tampered()
    {
        var key = Bundles.EcdsaKey();
        var bundle = await Bundles.WriteAsync("compliant-rds", key);
        File.Delete(Path.Combine(bundle, ManifestSignature.FileName));

        var report = EvidenceCheck.Check(bundle, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Signature, Is.EqualTo(SignatureStatus.Inconsistent));
            Assert.That(report.SignatureDetail, Does.Contain("manifest.sha256.sig is missing"));
            Assert.That(report.Verdict, Is.EqualTo(EvidenceVerdict.Tampered));
        }
    }

    [Test]
    public void A_key_that_is_neither_ECDSA_nor_RSA_is_refused_with_the_expected_forms_named()
    {
        Assert.That(() => ManifestSignature.Sign([1, 2, 3], Pem("PRIVATE KEY", "AAAA")),
            Throws.TypeOf<SigningKeyException>().With.Message.Contains("ECDSA nor an RSA"));
    }

    // Built at run time so the repository holds no PEM private-key header, not even a fake one.
    private static string Pem(string label, string body) => $"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n";
}
