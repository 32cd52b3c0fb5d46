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
    public static SignatureInfo Describe(string? privateKeyPem) => Describe(privateKeyPem is null ? null : new PemManifestSigner(privateKeyPem));

    /// <summary>What a signer is (unsigned when null), for evidence.json.</summary>
    public static SignatureInfo Describe(ManifestSigner? signer) => signer?.Describe() ?? new SignatureInfo();

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

    /// <summary>Writes a merged report's evidence.json and evidence.html into a fresh folder, and copies each input's snapshot under its merged name.</summary>
    public static void WriteMerged(string folder, EvidenceDocument evidence, IReadOnlyList<SnapshotCopy> snapshots)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(snapshots);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        foreach (var snapshot in snapshots)
        {
            // Byte for byte: the merged manifest then hashes exactly what each input's signed manifest hashed.
            var target = Path.Combine(folder, snapshot.Target);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(snapshot.Source, target);
        }

        ReportJson.Save(evidence, Path.Combine(folder, EvidenceFile));
        File.WriteAllText(Path.Combine(folder, HtmlFile), EvidenceHtml.Render(evidence));
    }

    /// <summary>Writes the manifest over every file, signs it when a key is given, and zips the folder to <c>FOLDER.zip</c>; returns the zip's path.</summary>
    public static string Seal(string folder, string? privateKeyPem) =>
        SealAsync(folder, privateKeyPem is null ? null : new PemManifestSigner(privateKeyPem), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Writes the manifest (listing the signer's public key), signs it when a signer is given, and zips the folder; returns the zip's path.</summary>
    public static async Task<string> SealAsync(string folder, ManifestSigner? signer, CancellationToken cancellationToken)
    {
        if (signer is not null)
        {
            // The public key is written first so the manifest lists it, and the one signature covers the final manifest.
            await File.WriteAllTextAsync(Path.Combine(folder, ManifestSignature.PublicKeyFileName), signer.PublicKeyPem, cancellationToken).ConfigureAwait(false);
        }

        var manifest = Manifest.Write(folder);
        if (signer is not null)
        {
            var signature = await signer.SignAsync(manifest, cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(folder, ManifestSignature.FileName), signature, cancellationToken).ConfigureAwait(false);
        }

        var zip = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + ".zip";
        File.Delete(zip);
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: true);
        return zip;
    }
}
