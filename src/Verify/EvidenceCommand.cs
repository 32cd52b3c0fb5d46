using Verification.Probes.Reporting;

namespace Verification.Verify;

/// <summary><c>verify check-evidence DIR</c>: the manifest, the signature and an offline re-evaluation of the snapshots.</summary>
internal static class EvidenceCommand
{
    public static int Run(string folder, string? publicKey)
    {
        if (!File.Exists(Path.Combine(folder, EvidenceBundle.EvidenceFile)))
        {
            Console.Error.WriteLine($"verify: {folder} is not an evidence bundle (no {EvidenceBundle.EvidenceFile}).");
            return 2;
        }

        if (publicKey is not null && !File.Exists(publicKey))
        {
            Console.Error.WriteLine($"verify: --public-key {publicKey}: no such file; expected the PEM public key the bundle was signed for.");
            return 2;
        }

        var report = EvidenceCheck.Check(folder, publicKey is null ? null : File.ReadAllText(publicKey));
        Console.WriteLine(report.ManifestProblems.Count == 0 ? "Manifest: every file matches manifest.sha256." : "Manifest: the bundle was changed:");
        foreach (var problem in report.ManifestProblems)
        {
            Console.WriteLine($"  - {problem}");
        }

        Console.WriteLine("Signature: " + report.Signature switch
        {
            SignatureStatus.Verified => "valid, made with the key you supplied.",
            SignatureStatus.VerifiedWithBundledKey => "valid against the key shipped in the bundle; pass --public-key to establish who signed.",
            SignatureStatus.Unsigned => "none: this bundle is UNSIGNED (integrity only, not authorship).",
            SignatureStatus.MissingSignature => "MISSING: a public key was supplied but the bundle is unsigned.",
            _ => "INVALID: the manifest was not signed by this key, or was changed after signing.",
        });
        Console.WriteLine(report.VerdictDifferences.Count == 0
            ? $"Re-evaluation: {report.ControlsReevaluated} control results re-evaluated offline at the run's recorded time; identical verdicts."
            : "Re-evaluation differs from the recorded verdicts:");
        foreach (var difference in report.VerdictDifferences)
        {
            Console.WriteLine($"  - {difference}");
        }

        Console.WriteLine(report.Passed ? "Evidence checks out." : "Evidence does NOT check out.");
        return report.Passed ? 0 : 1;
    }
}
