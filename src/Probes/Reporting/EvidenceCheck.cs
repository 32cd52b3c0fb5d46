using System.Text.Json;
using Verification.Probes.Collection;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>How the bundle's signature checked out.</summary>
public enum SignatureStatus
{
    /// <summary>Valid against the public key the auditor supplied.</summary>
    Verified,

    /// <summary>Valid against the key shipped in the bundle only: intact, but who signed is not established.</summary>
    VerifiedWithBundledKey,

    /// <summary>No signature: integrity only.</summary>
    Unsigned,

    /// <summary>A public key was supplied but the bundle carries no signature.</summary>
    MissingSignature,

    Invalid,
}

/// <summary>The outcome of <c>verify --check-evidence</c>.</summary>
public sealed record EvidenceCheckReport(IReadOnlyList<string> ManifestProblems, SignatureStatus Signature, IReadOnlyList<string> VerdictDifferences, int ControlsReevaluated)
{
    /// <summary>Intact, signed if a key was supplied, and re-evaluation gives identical verdicts.</summary>
    public bool Passed => ManifestProblems.Count == 0 && VerdictDifferences.Count == 0 && Signature is not (SignatureStatus.Invalid or SignatureStatus.MissingSignature);
}

/// <summary>Checks a bundle offline: manifest, signature, and the snapshot re-evaluated at the run's recorded time.</summary>
public static class EvidenceCheck
{
    public static EvidenceCheckReport Check(string folder, string? publicKeyPem)
    {
        var problems = Manifest.Check(folder);
        var signature = CheckSignature(folder, publicKeyPem);
        var differences = new List<string>();
        var count = 0;
        try
        {
            var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(folder, EvidenceBundle.EvidenceFile));
            foreach (var (stack, index) in evidence.Stacks.Select((s, i) => (s, i)))
            {
                var snapshot = SnapshotJson.Load(Path.Combine(folder, stack.SnapshotFile));
                var recorded = evidence.Controls.Where(c => c.Stack == index).ToDictionary(c => c.Id, StringComparer.Ordinal);
                var again = Evaluation.Run(snapshot, evidence.Thresholds, snapshot.FinishedAt).ToDictionary(r => r.Control.Id, StringComparer.Ordinal);
                count += again.Count;
                differences.AddRange(Compare(recorded, again, evidence.Stacks.Count > 1 ? $"stack {index + 1}: " : ""));
            }
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException or InvalidOperationException)
        {
            differences.Add($"the bundle could not be re-evaluated: {e.Message}");
        }

        return new EvidenceCheckReport(problems, signature, differences, count);
    }

    private static IEnumerable<string> Compare(Dictionary<string, ControlEvidence> recorded, Dictionary<string, ControlResult> again, string prefix)
    {
        foreach (var id in recorded.Keys.Union(again.Keys).Order(StringComparer.Ordinal))
        {
            if (!again.TryGetValue(id, out var now))
            {
                yield return $"{prefix}{id}: recorded as {recorded[id].Verdict}, but this version has no such control.";
                continue;
            }

            if (!recorded.TryGetValue(id, out var then))
            {
                yield return $"{prefix}{id}: not in the evidence, re-evaluates to {now.Verdict} (a control added since the run).";
                continue;
            }

            if (then.Verdict != now.Verdict)
            {
                yield return $"{prefix}{id}: recorded {then.Verdict}, re-evaluates to {now.Verdict}.";
            }

            var before = then.Findings.Select(Describe).ToList();
            var after = now.Findings.Select(Describe).ToList();
            foreach (var missing in before.Except(after))
            {
                yield return $"{prefix}{id}: recorded finding not reproduced: {missing}";
            }

            foreach (var extra in after.Except(before))
            {
                yield return $"{prefix}{id}: re-evaluation finds what the evidence does not record: {extra}";
            }
        }
    }

    private static string Describe(Finding f) =>
        $"[{f.Status}] {f.Resource}: {f.Message} {{{string.Join(", ", f.Evidence.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"))}}}";

    private static SignatureStatus CheckSignature(string folder, string? publicKeyPem)
    {
        var signaturePath = Path.Combine(folder, ManifestSignature.FileName);
        var manifestPath = Path.Combine(folder, Manifest.FileName);
        if (!File.Exists(signaturePath))
        {
            return publicKeyPem is null ? SignatureStatus.Unsigned : SignatureStatus.MissingSignature;
        }

        var bundledKey = Path.Combine(folder, ManifestSignature.PublicKeyFileName);
        var key = publicKeyPem ?? (File.Exists(bundledKey) ? File.ReadAllText(bundledKey) : null);
        if (key is null || !File.Exists(manifestPath))
        {
            return SignatureStatus.Invalid;
        }

        try
        {
            return ManifestSignature.Verify(File.ReadAllBytes(manifestPath), File.ReadAllBytes(signaturePath), key)
                ? publicKeyPem is null ? SignatureStatus.VerifiedWithBundledKey : SignatureStatus.Verified
                : SignatureStatus.Invalid;
        }
        catch (SigningKeyException)
        {
            return SignatureStatus.Invalid;
        }
    }
}
