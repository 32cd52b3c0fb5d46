using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using NUnit.Framework;
using Verification.Probes.Reporting;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Reporting;

/// <summary>Evidence signed by the sandbox's KMS (GetPublicKey, then Sign with a DIGEST), checked offline with the exported public key.</summary>
public sealed class KmsSignatureTests
{
    private const string SigningKey = "arn:aws:kms:us-east-1:123456789012:key/7e1d5c3b-9a2f-4b6e-8c1d-3f5a7b9c0d2e";
    private static readonly string[] BundledFiles = ["evidence.json", "evidence.html", "snapshot.json", "manifest.sha256", "manifest.sha256.sig", "signing-key.pub.pem"];

    [Test]
    public async Task A_KMS_signed_bundle_verifies_offline_with_the_exported_public_key()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var kms = Client(sandbox);
        var signer = await KmsManifestSigner.CreateAsync(kms, SigningKey, CancellationToken.None);

        var bundle = await Bundles.WriteAsync("compliant-rds", signer);
        var exported = await KmsManifestSigner.PublicKeyPemAsync(kms, "alias/verification-evidence-signing", CancellationToken.None);
        var report = EvidenceCheck.Check(bundle, exported);
        var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(bundle, "evidence.json"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Verdict, Is.EqualTo(EvidenceVerdict.Verified), report.SignatureDetail);
            Assert.That(evidence.Signature.KmsKeyArn, Is.EqualTo(SigningKey));
            Assert.That(evidence.Signature.Algorithm, Is.EqualTo("ECDSA-SHA256"));
            Assert.That(evidence.Signature.PublicKeySha256, Is.EqualTo(ManifestSignature.Fingerprint(exported)));
            Assert.That(File.ReadAllText(Path.Combine(bundle, ManifestSignature.PublicKeyFileName)), Is.EqualTo(exported));
        }
    }

    [TestCaseSource(nameof(BundledFiles))]
    public async Task A_KMS_signed_bundle_fails_after_a_one_byte_edit_of_any_file(string file)
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var kms = Client(sandbox);
        var signer = await KmsManifestSigner.CreateAsync(kms, SigningKey, CancellationToken.None);
        var bundle = await Bundles.WriteAsync("compliant-rds", signer);
        var path = Path.Combine(bundle, file);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        var report = EvidenceCheck.Check(bundle, signer.PublicKeyPem);

        Assert.That(report.Verdict, Is.EqualTo(EvidenceVerdict.Tampered));
    }

    [Test]
    public async Task The_sandbox_KMS_verifies_its_own_signature_and_refuses_a_changed_digest()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var kms = Client(sandbox);
        var digest = System.Security.Cryptography.SHA256.HashData("manifest"u8.ToArray());
        var signed = await kms.SignAsync(new SignRequest { KeyId = SigningKey, Message = new MemoryStream(digest), MessageType = MessageType.DIGEST, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 });
        digest[0] ^= 1;

        var valid = await kms.VerifyAsync(new VerifyRequest { KeyId = SigningKey, Message = new MemoryStream(System.Security.Cryptography.SHA256.HashData("manifest"u8.ToArray())), MessageType = MessageType.DIGEST, Signature = new MemoryStream(signed.Signature.ToArray()), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(valid.SignatureValid, Is.True);
            Assert.That(() => kms.VerifyAsync(new VerifyRequest { KeyId = SigningKey, Message = new MemoryStream(digest), MessageType = MessageType.DIGEST, Signature = new MemoryStream(signed.Signature.ToArray()), SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 }),
                Throws.TypeOf<KMSInvalidSignatureException>());
        }
    }

    [Test]
    public async Task A_symmetric_key_cannot_sign_evidence()
    {
        await using var sandbox = await SandboxServer.StartAsync(Scenario.Load("compliant-rds"));
        using var kms = Client(sandbox);

        Assert.That(() => KmsManifestSigner.CreateAsync(kms, "alias/healthcare-dev", CancellationToken.None), Throws.TypeOf<SigningKeyException>().With.Message.Contains("InvalidKeyUsageException"));
    }

    private static AmazonKeyManagementServiceClient Client(SandboxServer sandbox) =>
        new(SandboxStack.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = sandbox.Endpoint.AbsoluteUri, AuthenticationRegion = "us-east-1" });
}
