using Verification.Probes.Reporting;

namespace Verification.Verify;

/// <summary>
/// <c>verify check-evidence DIR</c>: the manifest, the signature against a key pinned outside the bundle, and an offline
/// re-evaluation of the snapshots. Exit 0 verified, 1 tampered, 2 not a bundle or a bad option, 3 integrity unproven.
/// </summary>
internal static class EvidenceCommand
{
    /// <summary>The exit codes, as --help and the README state them.</summary>
    public const string ExitCodes = "check-evidence exit: 0 verified (manifest, pinned key's signature, re-evaluation)\n" +
        "  1 tampered (file, signature or verdict changed; signature fields wrong)\n" +
        "  2 not a bundle or bad option · 3 integrity unproven (unsigned or bundled key only)";

    public static async Task<int> RunAsync(string folder, string? publicKey, string? publicKeySha256, string? kmsVerify, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folder, EvidenceBundle.EvidenceFile)))
        {
            Console.Error.WriteLine($"verify: {folder} is not an evidence bundle (no {EvidenceBundle.EvidenceFile}).");
            return 2;
        }

        PinnedKey? pinned;
        try
        {
            pinned = await EvidenceKeys.PinnedAsync(publicKey, publicKeySha256, kmsVerify, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"verify: {e.Message}");
            return 2;
        }

        var report = EvidenceCheck.CheckPinned(folder, pinned);
        Console.WriteLine(report.ManifestProblems.Count == 0 ? "Manifest: every file matches manifest.sha256." : "Manifest: the bundle was changed:");
        foreach (var problem in report.ManifestProblems)
        {
            Console.WriteLine($"  - {problem}");
        }

        Console.WriteLine("Signature: " + report.Signature switch
        {
            SignatureStatus.Verified => kmsVerify is not null ? "valid, made with the KMS key's public key as KMS gives it now." : "valid, made with the key you pinned.",
            SignatureStatus.VerifiedWithBundledKey => "valid against the key shipped in the bundle only; pass --public-key, --public-key-sha256 or --kms-verify to establish who signed.",
            SignatureStatus.Unsigned => "none: this bundle is UNSIGNED (integrity only, not authorship).",
            SignatureStatus.MissingSignature => "MISSING: a key was pinned but the bundle is unsigned.",
            SignatureStatus.Inconsistent => $"INCONSISTENT: {report.SignatureDetail}",
            _ => "INVALID: the manifest was not signed by the pinned key, or was changed after signing.",
        });
        Console.WriteLine(report.VerdictDifferences.Count == 0
            ? $"Re-evaluation: {report.ControlsReevaluated} control results re-evaluated offline at the run's recorded time; identical verdicts."
            : "Re-evaluation differs from the recorded verdicts:");
        foreach (var difference in report.VerdictDifferences)
        {
            Console.WriteLine($"  - {difference}");
        }

        Console.WriteLine(report.Verdict switch
        {
            EvidenceVerdict.Verified => "Evidence checks out (exit 0).",
            EvidenceVerdict.IntegrityUnproven => "Evidence integrity UNPROVEN (exit 3): nothing outside the bundle shows who wrote it; anyone could have rewritten it and its manifest.",
            _ => "Evidence does NOT check out: TAMPERED (exit 1).",
        });
        return report.ExitCode;
    }
}
