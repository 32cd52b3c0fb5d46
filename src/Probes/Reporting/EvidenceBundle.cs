using System.IO.Compression;
using Verification.Probes.Collection;

namespace Verification.Probes.Reporting;

/// <summary>
/// The evidence bundle: a folder (evidence.json, the snapshots, evidence.html, optionally the PDF)
/// sealed with manifest.sha256, signed when a key is given, and zipped beside the folder.
/// </summary>
public static class EvidenceBundle
{
    public const string EvidenceFile = "evidence.json";
    public const string HtmlFile = "evidence.html";

    /// <summary>What a signing key is, read before evidence.json is written so the evidence can say it.</summary>
    public static SignatureInfo Describe(string? privateKeyPem)
    {
        if (privateKeyPem is null)
        {
            return new SignatureInfo();
        }

        var (_, algorithm, publicKey) = ManifestSignature.Sign([], privateKeyPem);
        return new SignatureInfo
        {
            Signed = true,
            Algorithm = algorithm,
            PublicKeySha256 = ManifestSignature.Fingerprint(publicKey),
            Note = $"Signed: {ManifestSignature.FileName} is a {algorithm} signature of {Manifest.FileName}; check it against the public key you trust.",
        };
    }

    /// <summary>Writes evidence.json, evidence.html and each stack's snapshot (named as <see cref="StackEvidence.SnapshotFile"/>) into a fresh folder.</summary>
    public static void Write(string folder, EvidenceDocument evidence, IReadOnlyList<StackSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(snapshots);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        for (var i = 0; i < snapshots.Count; i++)
        {
            File.WriteAllText(Path.Combine(folder, evidence.Stacks[i].SnapshotFile), SnapshotJson.Serialize(snapshots[i]));
        }

        ReportJson.Save(evidence, Path.Combine(folder, EvidenceFile));
        File.WriteAllText(Path.Combine(folder, HtmlFile), EvidenceHtml.Render(evidence));
    }

    /// <summary>Writes the manifest over every file, signs it when a key is given, and zips the folder to <c>FOLDER.zip</c>; returns the zip's path.</summary>
    public static string Seal(string folder, string? privateKeyPem)
    {
        var manifest = Manifest.Write(folder);
        if (privateKeyPem is not null)
        {
            var (signature, _, publicKey) = ManifestSignature.Sign(manifest, privateKeyPem);
            File.WriteAllBytes(Path.Combine(folder, ManifestSignature.FileName), signature);
            File.WriteAllText(Path.Combine(folder, ManifestSignature.PublicKeyFileName), publicKey);
            // The public key was added after the manifest: list it too, then sign the final manifest.
            manifest = Manifest.Write(folder);
            (signature, _, _) = ManifestSignature.Sign(manifest, privateKeyPem);
            File.WriteAllBytes(Path.Combine(folder, ManifestSignature.FileName), signature);
        }

        var zip = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + ".zip";
        File.Delete(zip);
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: true);
        return zip;
    }
}
