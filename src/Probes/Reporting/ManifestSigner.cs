using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace Verification.Probes.Reporting;

/// <summary>Something that signs manifest.sha256 and says with which public key: a PEM private key, or a KMS asymmetric key.</summary>
public abstract class ManifestSigner
{
    /// <summary>"ECDSA-SHA256" or "RSA-PKCS1-SHA256": the forms <c>openssl dgst -sha256 -verify</c> checks.</summary>
    public abstract string Algorithm { get; }

    /// <summary>The public key (SubjectPublicKeyInfo PEM) the signature verifies against.</summary>
    public abstract string PublicKeyPem { get; }

    /// <summary>The KMS key's ARN when KMS signs; null for a PEM key.</summary>
    public virtual string? KmsKeyArn => null;

    /// <summary>Signs <paramref name="data"/> (SHA-256, then ECDSA DER or RSA PKCS#1 v1.5).</summary>
    public abstract Task<byte[]> SignAsync(byte[] data, CancellationToken cancellationToken);

    /// <summary>What evidence.json says about this signer, written before the manifest exists.</summary>
    public SignatureInfo Describe() => new()
    {
        Signed = true,
        Algorithm = Algorithm,
        PublicKeySha256 = ManifestSignature.Fingerprint(PublicKeyPem),
        KmsKeyArn = KmsKeyArn,
        Note = $"Signed: {ManifestSignature.FileName} is a {Algorithm} signature of {Manifest.FileName}" +
            (KmsKeyArn is null ? "" : $" made by AWS KMS key {KmsKeyArn}") + "; check it against the public key you trust.",
    };
}

/// <summary>Signs with an ECDSA or RSA private key in PEM.</summary>
public sealed class PemManifestSigner : ManifestSigner
{
    private readonly string _privateKeyPem;

    public PemManifestSigner(string privateKeyPem)
    {
        _privateKeyPem = privateKeyPem;
        (_, Algorithm, PublicKeyPem) = ManifestSignature.Sign([], privateKeyPem);
    }

    public override string Algorithm { get; }

    public override string PublicKeyPem { get; }

    public override Task<byte[]> SignAsync(byte[] data, CancellationToken cancellationToken) =>
        Task.FromResult(ManifestSignature.Sign(data, _privateKeyPem).Signature);
}

/// <summary>
/// Signs with an AWS KMS asymmetric key (ECC_NIST_P256 or RSA_2048, KeyUsage SIGN_VERIFY): the manifest's SHA-256 goes to
/// kms:Sign as a DIGEST, so the private key never leaves KMS. KMS's ECDSA signature is DER, its RSA one PKCS#1 v1.5:
/// the same forms a PEM key makes, so checking needs nothing but the public key.
/// </summary>
public sealed class KmsManifestSigner : ManifestSigner
{
    private readonly IAmazonKeyManagementService _kms;
    private readonly string _signingAlgorithm;

    private KmsManifestSigner(IAmazonKeyManagementService kms, string keyArn, string signingAlgorithm, string algorithm, string publicKeyPem)
    {
        _kms = kms;
        KmsKeyArn = keyArn;
        _signingAlgorithm = signingAlgorithm;
        Algorithm = algorithm;
        PublicKeyPem = publicKeyPem;
    }

    public override string Algorithm { get; }

    public override string PublicKeyPem { get; }

    public override string KmsKeyArn { get; }

    /// <summary>Asks KMS for the key's public key and spec (kms:GetPublicKey); refuses keys that cannot sign SHA-256 in a form openssl checks.</summary>
    public static async Task<KmsManifestSigner> CreateAsync(IAmazonKeyManagementService kms, string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kms);
        var key = await PublicKeyAsync(kms, keyId, cancellationToken).ConfigureAwait(false);
        if (key.KeyUsage?.Value is { } usage && usage != "SIGN_VERIFY")
        {
            throw new SigningKeyException($"KMS key {key.KeyId ?? keyId} has KeyUsage {usage}; evidence signing needs an asymmetric SIGN_VERIFY key (ECC_NIST_P256 or RSA_2048).");
        }

        var (signing, algorithm) = key.KeySpec?.Value switch
        {
            "ECC_NIST_P256" => ("ECDSA_SHA_256", "ECDSA-SHA256"),
            "RSA_2048" or "RSA_3072" or "RSA_4096" => ("RSASSA_PKCS1_V1_5_SHA_256", "RSA-PKCS1-SHA256"),
            var spec => throw new SigningKeyException($"KMS key {key.KeyId ?? keyId} has KeySpec {spec ?? "(none)"}; evidence signing needs ECC_NIST_P256 or RSA_2048."),
        };
        return new KmsManifestSigner(kms, key.KeyId ?? keyId, signing, algorithm, PemOf(key.PublicKey));
    }

    /// <summary>The key's public key as PEM, from kms:GetPublicKey (DER SubjectPublicKeyInfo).</summary>
    public static async Task<string> PublicKeyPemAsync(IAmazonKeyManagementService kms, string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kms);
        return PemOf((await PublicKeyAsync(kms, keyId, cancellationToken).ConfigureAwait(false)).PublicKey);
    }

    public override async Task<byte[]> SignAsync(byte[] data, CancellationToken cancellationToken)
    {
        using var digest = new MemoryStream(SHA256.HashData(data));
        SignResponse response;
        try
        {
            response = await _kms.SignAsync(new SignRequest
            {
                KeyId = KmsKeyArn,
                Message = digest,
                MessageType = MessageType.DIGEST,
                SigningAlgorithm = _signingAlgorithm,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            throw new SigningKeyException($"KMS refused Sign for {KmsKeyArn} ({e.ErrorCode}: {e.Message}); the role needs kms:Sign on that key.", e);
        }

        return response.Signature?.ToArray() ?? throw new SigningKeyException($"KMS answered Sign for {KmsKeyArn} without a Signature.");
    }

    private static async Task<GetPublicKeyResponse> PublicKeyAsync(IAmazonKeyManagementService kms, string keyId, CancellationToken cancellationToken)
    {
        try
        {
            return await kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = keyId }, cancellationToken).ConfigureAwait(false);
        }
        catch (Amazon.Runtime.AmazonServiceException e)
        {
            throw new SigningKeyException($"KMS refused GetPublicKey for {keyId} ({e.ErrorCode}: {e.Message}); the role needs kms:GetPublicKey on that key.", e);
        }
    }

    private static string PemOf(MemoryStream? der)
    {
        var bytes = der?.ToArray() ?? throw new SigningKeyException("KMS answered GetPublicKey without a PublicKey.");
        return PemEncoding.WriteString("PUBLIC KEY", bytes) + "\n";
    }
}
