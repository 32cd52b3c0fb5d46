using System.Security.Cryptography;

namespace Verification.Probes.Reporting;

/// <summary>Why a key cannot be used for signing or checking.</summary>
public sealed class SigningKeyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Signs manifest.sha256 with an ECDSA or RSA key given as PEM. The signature is DER (ECDSA) or PKCS#1 v1.5 (RSA)
/// over SHA-256, the forms <c>openssl dgst -sha256 -verify key.pub -signature manifest.sha256.sig manifest.sha256</c> checks.
/// </summary>
public static class ManifestSignature
{
    public const string FileName = "manifest.sha256.sig";

    /// <summary>The signer's public key, shipped for convenience; trust comes from the key the auditor already holds.</summary>
    public const string PublicKeyFileName = "signing-key.pub.pem";

    /// <summary>Signs <paramref name="data"/>; returns the signature, the algorithm name and the public key PEM.</summary>
    public static (byte[] Signature, string Algorithm, string PublicKeyPem) Sign(byte[] data, string privateKeyPem)
    {
        if (TryImport(privateKeyPem, ECDsa.Create) is { } ecdsa)
        {
            using (ecdsa)
            {
                return (ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), "ECDSA-SHA256", ecdsa.ExportSubjectPublicKeyInfoPem());
            }
        }

        if (TryImport(privateKeyPem, RSA.Create) is { } rsa)
        {
            using (rsa)
            {
                return (rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), "RSA-PKCS1-SHA256", rsa.ExportSubjectPublicKeyInfoPem());
            }
        }

        throw new SigningKeyException("The signing key is neither an ECDSA nor an RSA private key in PEM (a 'BEGIN PRIVATE KEY', 'BEGIN EC PRIVATE KEY' or 'BEGIN RSA PRIVATE KEY' block).");
    }

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="data"/> by the key in <paramref name="publicKeyPem"/>.</summary>
    public static bool Verify(byte[] data, byte[] signature, string publicKeyPem)
    {
        if (TryImport(publicKeyPem, ECDsa.Create) is { } ecdsa)
        {
            using (ecdsa)
            {
                return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
        }

        if (TryImport(publicKeyPem, RSA.Create) is { } rsa)
        {
            using (rsa)
            {
                return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
        }

        throw new SigningKeyException("The public key is neither an ECDSA nor an RSA key in PEM (-----BEGIN PUBLIC KEY-----).");
    }

    /// <summary>SHA-256 of the key's SubjectPublicKeyInfo, the fingerprint evidence.json records.</summary>
    public static string Fingerprint(string publicKeyPem)
    {
        var fields = PemEncoding.Find(publicKeyPem);
        return Manifest.Sha256Of(Convert.FromBase64String(publicKeyPem[fields.Base64Data]));
    }

    private static T? TryImport<T>(string pem, Func<T> create) where T : AsymmetricAlgorithm
    {
        var key = create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }
}
