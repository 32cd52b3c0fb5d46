using NUnit.Framework;
using Verification.Probes.Reporting;

namespace Verification.Probes.Tests.Reporting;

public sealed class EvidenceBundleTests
{
    private static readonly string[] BundledFiles = ["evidence.json", "evidence.html", "snapshot.json", "manifest.sha256"];

    [TestCaseSource(nameof(BundledFiles))]
    public async Task A_single_edited_byte_in_any_bundled_file_is_detected(string file)
    {
        var bundle = await Bundles.WriteAsync("compliant-rds");
        var path = Path.Combine(bundle, file);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var report = EvidenceCheck.Check(bundle, null);

        Assert.That(report.Verdict, Is.EqualTo(EvidenceVerdict.Tampered), string.Join("; ", report.ManifestProblems.Concat(report.VerdictDifferences)));
    }

    [Test]
    public async Task An_edited_unsigned_bundle_with_a_recomputed_manifest_is_not_verified()
    {
        var bundle = await Bundles.WriteAsync("compliant-rds");
        await File.AppendAllTextAsync(Path.Combine(bundle, "evidence.html"), "<p>All controls passed, signed off by the auditor.</p>");
        Manifest.Write(bundle);

        var report = EvidenceCheck.Check(bundle, null);

        // Only what the starting code also had: it passed this bundle, so this test failed there.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Signature, Is.EqualTo(SignatureStatus.Unsigned));
            Assert.That(report.Passed, Is.False);
        }
    }

    [Test]
    public async Task An_untouched_unsigned_bundle_re_evaluates_identically_but_its_integrity_is_unproven()
    {
        var bundle = await Bundles.WriteAsync("log-retention-7-days");

        var report = EvidenceCheck.Check(bundle, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.ManifestProblems, Is.Empty);
            Assert.That(report.VerdictDifferences, Is.Empty);
            Assert.That(report.ControlsReevaluated, Is.Positive);
            Assert.That(report.Signature, Is.EqualTo(SignatureStatus.Unsigned));
            Assert.That(report.Verdict, Is.EqualTo(EvidenceVerdict.IntegrityUnproven));
        }
    }

    [Test]
    public async Task A_file_added_after_sealing_is_named()
    {
        var bundle = await Bundles.WriteAsync("compliant-rds");
        await File.WriteAllTextAsync(Path.Combine(bundle, "extra.txt"), "added later");

        var report = EvidenceCheck.Check(bundle, null);

        Assert.That(report.ManifestProblems, Has.One.Contains("extra.txt is not listed"));
    }

    [Test]
    public async Task A_rewritten_verdict_with_a_fresh_manifest_is_caught_by_re_evaluation()
    {
        var bundle = await Bundles.WriteAsync("log-retention-7-days");
        var path = Path.Combine(bundle, "evidence.json");
        var json = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, json.Replace("\"verdict\": \"Failed\"", "\"verdict\": \"Passed\"", StringComparison.Ordinal));
        Manifest.Write(bundle);

        var report = EvidenceCheck.Check(bundle, null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.ManifestProblems, Is.Empty);
            Assert.That(report.VerdictDifferences, Has.One.EqualTo("LogGroupRetentionMeetsPolicy: recorded Passed, re-evaluates to Failed."));
        }
    }

    [Test]
    public async Task An_unsigned_bundle_says_it_is_unsigned()
    {
        var bundle = await Bundles.WriteAsync("compliant-rds");

        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(bundle, "evidence.json"));
        var html = await File.ReadAllTextAsync(Path.Combine(bundle, "evidence.html"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.Signature.Signed, Is.False);
            Assert.That(evidence.Signature.Note, Does.Contain("UNSIGNED"));
            Assert.That(html, Does.Contain("This bundle is UNSIGNED"));
            Assert.That(File.Exists(Path.Combine(bundle, ManifestSignature.FileName)), Is.False);
        }
    }

    [Test]
    public async Task The_bundle_is_zipped_beside_its_folder_with_every_file()
    {
        var bundle = await Bundles.WriteAsync("compliant-rds");

        using var zip = System.IO.Compression.ZipFile.OpenRead(bundle + ".zip");

        Assert.That(zip.Entries.Select(e => e.FullName.Replace('\\', '/')), Is.SupersetOf(BundledFiles.Select(f => "evidence/" + f)));
    }

    [Test]
    public async Task Stored_outputs_keep_their_hash_and_mask_secret_looking_values()
    {
        var bundle = await Bundles.WriteAsync("compliant-rds");

        var stack = ReportJson.Load<EvidenceDocument>(Path.Combine(bundle, "evidence.json")).Stacks.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stack.OutputsSha256, Has.Length.EqualTo(64));
            Assert.That(stack.Outputs, Does.ContainKey("vpc_id"));
            Assert.That(stack.Outputs.Values, Has.None.Contains("sandbox/secret"));
        }
    }
}
