using Verification.Probes.Reporting;

namespace Verification.Verify;

/// <summary>
/// The key options every verify command shares, read the same way by each: the key an auditor pins to check bundles,
/// the PEM key that signs one, and an earlier report for drift. Every problem is a <see cref="UsageException"/>.
/// </summary>
internal static class EvidenceKeys
{
    /// <summary>The pinned key from --public-key, --public-key-sha256 or --kms-verify; null when none was given.</summary>
    public static async Task<PinnedKey?> PinnedAsync(string? publicKey, string? publicKeySha256, string? kmsVerify, CancellationToken cancellationToken)
    {
        if (publicKeySha256 is not null && publicKeySha256.Trim().Replace(":", "", StringComparison.Ordinal) is var hex && (hex.Length != 64 || !hex.All(Uri.IsHexDigit)))
        {
            throw new UsageException($"--public-key-sha256 {publicKeySha256}: expected 64 hex digits, the SHA-256 of the key's SubjectPublicKeyInfo (evidence.json signature.publicKeySha256).");
        }

        string? pem = null;
        if (publicKey is not null)
        {
            pem = File.Exists(publicKey) ? await File.ReadAllTextAsync(publicKey, cancellationToken).ConfigureAwait(false)
                : throw new UsageException($"--public-key {publicKey}: no such file; expected the PEM public key the bundle was signed with.");
        }

        if (kmsVerify is not null)
        {
            // The key ARN comes from the auditor, never from evidence.json: a rewritten bundle could name the forger's key.
            try
            {
                pem = await KmsSigning.PublicKeyAsync(kmsVerify, cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException e)
            {
                throw new UsageException($"--kms-verify: {e.Message}");
            }
        }

        return PinnedKey.Of(pem, publicKeySha256);
    }

    /// <summary>The PEM signer of --sign-key; null without one. --sign-kms-key is read by the caller, which knows where KMS is.</summary>
    public static async Task<ManifestSigner?> PemSignerAsync(string? signKey, string? signKmsKey, CancellationToken cancellationToken)
    {
        if (signKey is not null && signKmsKey is not null)
        {
            throw new UsageException("--sign-key and --sign-kms-key: pass one signing key, not both.");
        }

        if (signKey is null)
        {
            return null;
        }

        try
        {
            return new PemManifestSigner(await File.ReadAllTextAsync(signKey, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--sign-key {signKey}: cannot read the private key ({e.Message}).");
        }
        catch (SigningKeyException e)
        {
            throw new UsageException($"--sign-key {signKey}: {e.Message}");
        }
    }

    /// <summary>The evidence of an earlier --out folder (or its evidence/), for drift; null, said once, when there is none to read.</summary>
    public static EvidenceDocument? Previous(string? folder)
    {
        if (folder is null)
        {
            return null;
        }

        var path = Path.Combine(EvidenceMerge.BundleFolder(folder), EvidenceBundle.EvidenceFile);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"  --previous {folder}: no evidence.json there, so no drift is reported.");
            return null;
        }

        try
        {
            return ReportJson.Load<EvidenceDocument>(path);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            Console.Error.WriteLine($"  --previous {path}: not readable evidence ({e.Message}), so no drift is reported.");
            return null;
        }
    }
}
