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

    /// <summary>The signature does not verify against the key, the pinned fingerprint does not match, or the signature file is unreadable.</summary>
    Invalid,

    /// <summary>evidence.json's signature fields contradict the files present (Signed=false with a .sig, Signed=true without one, another key).</summary>
    Inconsistent,
}

/// <summary>What <c>verify check-evidence</c> concludes, and its exit code.</summary>
public enum EvidenceVerdict
{
    /// <summary>Intact, signed by the pinned key, identical re-evaluation: exit 0.</summary>
    Verified = 0,

    /// <summary>A file changed, the signature is invalid or contradicts evidence.json, or re-evaluation differs: exit 1.</summary>
    Tampered = 1,

    /// <summary>Internally consistent, but nothing outside the bundle proves who wrote it (unsigned, or only the bundled key): exit 3.</summary>
    IntegrityUnproven = 3,
}

/// <summary>The key an auditor trusts, held outside the bundle: a PEM public key, or the SHA-256 of its SubjectPublicKeyInfo.</summary>
public sealed record PinnedKey(string? PublicKeyPem = null, string? Sha256 = null)
{
    public static PinnedKey? Of(string? publicKeyPem, string? sha256) => publicKeyPem is null && sha256 is null ? null : new PinnedKey(publicKeyPem, sha256);
}

/// <summary>The outcome of <c>verify --check-evidence</c>.</summary>
public sealed record EvidenceCheckReport(IReadOnlyList<string> ManifestProblems, SignatureStatus Signature, IReadOnlyList<string> VerdictDifferences, int ControlsReevaluated)
{
    /// <summary>Why the signature status is what it is, when there is more to say (which field contradicts which file).</summary>
    public string? SignatureDetail { get; init; }

    /// <summary>Tampered beats unproven: any changed file, bad signature or differing verdict is tampering.</summary>
    public EvidenceVerdict Verdict =>
        ManifestProblems.Count > 0 || VerdictDifferences.Count > 0 || Signature is SignatureStatus.Invalid or SignatureStatus.Inconsistent ? EvidenceVerdict.Tampered
        : Signature == SignatureStatus.Verified ? EvidenceVerdict.Verified
        : EvidenceVerdict.IntegrityUnproven;

    /// <summary>Intact, signed by a key pinned outside the bundle, and re-evaluation gives identical verdicts.</summary>
    public bool Passed => Verdict == EvidenceVerdict.Verified;

    /// <summary>verify's exit code for this report.</summary>
    public int ExitCode => (int)Verdict;
}

/// <summary>Checks a bundle offline: manifest, signature, and the snapshot re-evaluated at the run's recorded time.</summary>
public static class EvidenceCheck
{
    /// <summary>Checks with a PEM public key (or none: then at best <see cref="EvidenceVerdict.IntegrityUnproven"/>).</summary>
    public static EvidenceCheckReport Check(string folder, string? publicKeyPem) => CheckPinned(folder, PinnedKey.Of(publicKeyPem, null));

    public static EvidenceCheckReport CheckPinned(string folder, PinnedKey? pinned)
    {
        var problems = Manifest.Check(folder);
        var signature = CheckSignature(folder, pinned);
        string? detail = null;
        var differences = new List<string>();
        var count = 0;
        try
        {
            var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(folder, EvidenceBundle.EvidenceFile));
            if (Contradiction(folder, evidence.Signature) is { } contradiction)
            {
                signature = SignatureStatus.Inconsistent;
                detail = contradiction;
            }

            foreach (var (stack, index) in evidence.Stacks.Select((s, i) => (s, i)))
            {
                var recorded = evidence.Controls.Where(c => c.Stack == index).ToDictionary(c => c.Id, StringComparer.Ordinal);
                if (stack.NotEvaluated is not null)
                {
                    // Nothing was collected, so nothing can be re-evaluated; a verdict recorded for it would be invented.
                    differences.AddRange(recorded.Keys.Order(StringComparer.Ordinal).Select(id => $"stack {index + 1}: {id} has a recorded verdict, but the stack was not evaluated ({stack.NotEvaluated})."));
                    continue;
                }

                var snapshot = SnapshotJson.Load(Path.Combine(folder, stack.SnapshotFile));
                var again = Evaluation.Run(snapshot, stack.Thresholds ?? evidence.Thresholds, snapshot.FinishedAt)
                    .Where(r => recorded.ContainsKey(r.Control.Id) || !ShownWithAnotherStack(evidence, index, r.Control))
                    .ToDictionary(r => r.Control.Id, StringComparer.Ordinal);
                count += again.Count;
                differences.AddRange(Compare(recorded, again, evidence.Stacks.Count > 1 ? $"stack {index + 1}: " : ""));
            }
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException or InvalidOperationException)
        {
            differences.Add($"the bundle could not be re-evaluated: {e.Message}");
        }

        return new EvidenceCheckReport(problems, signature, differences, count) { SignatureDetail = detail };
    }

    /// <summary>An account-level control is recorded once per account and region, with the first of its stacks.</summary>
    private static bool ShownWithAnotherStack(EvidenceDocument evidence, int index, Control control) =>
        control.Scope == ControlScope.Account && evidence.Controls.Any(c => c.Id == control.Id && c.Stack != index
            && evidence.Stacks[c.Stack].AccountId == evidence.Stacks[index].AccountId && evidence.Stacks[c.Stack].Region == evidence.Stacks[index].Region);

    /// <summary>What evidence.json says about the signature against what the bundle holds; null when they agree.</summary>
    private static string? Contradiction(string folder, SignatureInfo claimed)
    {
        var hasSignature = File.Exists(Path.Combine(folder, ManifestSignature.FileName));
        var bundledKeyPath = Path.Combine(folder, ManifestSignature.PublicKeyFileName);
        if (claimed.Signed != hasSignature)
        {
            return claimed.Signed
                ? $"evidence.json says the bundle is signed, but {ManifestSignature.FileName} is missing."
                : $"evidence.json says the bundle is unsigned, but it carries {ManifestSignature.FileName}.";
        }

        if (!claimed.Signed)
        {
            return File.Exists(bundledKeyPath) ? $"evidence.json says the bundle is unsigned, but it carries {ManifestSignature.PublicKeyFileName}." : null;
        }

        if (!File.Exists(bundledKeyPath))
        {
            return $"evidence.json says the bundle is signed, but {ManifestSignature.PublicKeyFileName} is missing.";
        }

        try
        {
            var fingerprint = ManifestSignature.Fingerprint(File.ReadAllText(bundledKeyPath));
            return fingerprint == claimed.PublicKeySha256 ? null
                : $"evidence.json names signing key {claimed.PublicKeySha256}, but {ManifestSignature.PublicKeyFileName} is {fingerprint}.";
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"{ManifestSignature.PublicKeyFileName} is not a PEM public key.";
        }
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

    private static SignatureStatus CheckSignature(string folder, PinnedKey? pinned)
    {
        var signaturePath = Path.Combine(folder, ManifestSignature.FileName);
        var manifestPath = Path.Combine(folder, Manifest.FileName);
        if (!File.Exists(signaturePath))
        {
            return pinned is null ? SignatureStatus.Unsigned : SignatureStatus.MissingSignature;
        }

        var bundledKey = Path.Combine(folder, ManifestSignature.PublicKeyFileName);
        var key = pinned?.PublicKeyPem ?? (File.Exists(bundledKey) ? File.ReadAllText(bundledKey) : null);
        if (key is null || !File.Exists(manifestPath))
        {
            return SignatureStatus.Invalid;
        }

        try
        {
            // A fingerprint pins the bundled key: it is trusted only when its SubjectPublicKeyInfo hashes to the pinned value.
            if (pinned is { PublicKeyPem: null, Sha256: { } sha256 } && !string.Equals(ManifestSignature.Fingerprint(key), sha256.Trim().Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
            {
                return SignatureStatus.Invalid;
            }

            return ManifestSignature.Verify(File.ReadAllBytes(manifestPath), File.ReadAllBytes(signaturePath), key)
                ? pinned is null ? SignatureStatus.VerifiedWithBundledKey : SignatureStatus.Verified
                : SignatureStatus.Invalid;
        }
        catch (Exception e) when (e is SigningKeyException or FormatException or ArgumentException)
        {
            return SignatureStatus.Invalid;
        }
    }
}
