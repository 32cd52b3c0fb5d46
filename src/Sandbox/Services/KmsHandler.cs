using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// KMS (JSON 1.1, 2014-11-01). Scenario keys: Keys (KeyMetadata, Policy as a JSON object, KeyRotationEnabled,
/// RotationPeriodInDays, NextRotationDate) and Aliases (ListAliases shapes). A SIGN_VERIFY key (KeySpec ECC_NIST_P256 or
/// RSA_2048) signs and verifies with a key pair made when the key is first used and kept for the process, so a bundle
/// signed in one run checks out against the public key GetPublicKey gave that run.
/// </summary>
internal sealed class KmsHandler : ServiceHandler
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly ConcurrentDictionary<string, AsymmetricAlgorithm> KeyPairs = new(StringComparer.Ordinal);

    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeKey", "GetKeyPolicy", "GetKeyRotationStatus", "ListAliases", "Sign", "Verify", "GetPublicKey"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeKey" => Resources.Output(("KeyMetadata", Key(request, request.RequiredStr("KeyId", "ValidationException"), allowAlias: true)["KeyMetadata"]!.DeepClone())),
        "GetKeyPolicy" => GetKeyPolicy(request),
        "GetKeyRotationStatus" => GetKeyRotationStatus(request),
        "ListAliases" => ListAliases(request),
        "Sign" => Sign(request),
        "Verify" => Verify(request),
        "GetPublicKey" => GetPublicKey(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject GetPublicKey(ServiceRequest request)
    {
        var (metadata, pair) = SigningKey(request);
        return Resources.Output(
            ("KeyId", metadata.Str("Arn")),
            ("PublicKey", Convert.ToBase64String(pair.ExportSubjectPublicKeyInfo())),
            ("CustomerMasterKeySpec", metadata.Str("KeySpec")),
            ("KeySpec", metadata.Str("KeySpec")),
            ("KeyUsage", "SIGN_VERIFY"),
            ("SigningAlgorithms", new JsonArray([.. Algorithms(metadata.Str("KeySpec")).Select(a => JsonValue.Create(a))])));
    }

    private static JsonObject Sign(ServiceRequest request)
    {
        var (metadata, pair) = SigningKey(request);
        var algorithm = Algorithm(request, metadata);
        var digest = Digest(request);
        var signature = pair switch
        {
            ECDsa ecdsa => ecdsa.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence),
            RSA rsa => rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new InvalidOperationException(pair.GetType().Name),
        };
        return Resources.Output(("KeyId", metadata.Str("Arn")), ("Signature", Convert.ToBase64String(signature)), ("SigningAlgorithm", algorithm));
    }

    private static JsonObject Verify(ServiceRequest request)
    {
        var (metadata, pair) = SigningKey(request);
        var algorithm = Algorithm(request, metadata);
        var digest = Digest(request);
        var signature = Blob(request, "Signature");
        var valid = pair switch
        {
            ECDsa ecdsa => ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence),
            RSA rsa => rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };

        // KMS answers an invalid signature with an error, never with SignatureValid false.
        return valid
            ? Resources.Output(("KeyId", metadata.Str("Arn")), ("SignatureValid", true), ("SigningAlgorithm", algorithm))
            : throw new AwsError("KMSInvalidSignatureException", "The signature is not valid for this key and message.");
    }

    private static (JsonNode Metadata, AsymmetricAlgorithm Pair) SigningKey(ServiceRequest request)
    {
        var metadata = Key(request, request.RequiredStr("KeyId", "ValidationException"), allowAlias: true)["KeyMetadata"]!;
        var arn = metadata.Str("Arn")!;
        if (metadata.Str("KeyState") != "Enabled")
        {
            throw new AwsError("KMSInvalidStateException", $"{arn} is {metadata.Str("KeyState")}.");
        }

        if (metadata.Str("KeyUsage") != "SIGN_VERIFY")
        {
            throw new AwsError("InvalidKeyUsageException", $"{arn} key usage is {metadata.Str("KeyUsage")} which is not valid for {request.Action}.");
        }

        AsymmetricAlgorithm pair = metadata.Str("KeySpec") switch
        {
            "ECC_NIST_P256" => KeyPairs.GetOrAdd(arn, _ => ECDsa.Create(ECCurve.NamedCurves.nistP256)),
            "RSA_2048" => KeyPairs.GetOrAdd(arn, _ => RSA.Create(2048)),
            var spec => throw new AwsError("UnsupportedOperationException", $"The sandbox signs with ECC_NIST_P256 and RSA_2048 keys only, not {spec}."),
        };
        return (metadata, pair);
    }

    private static string[] Algorithms(string? keySpec) => keySpec == "RSA_2048"
        ? ["RSASSA_PKCS1_V1_5_SHA_256"]
        : ["ECDSA_SHA_256"];

    private static string Algorithm(ServiceRequest request, JsonNode metadata)
    {
        var algorithm = request.RequiredStr("SigningAlgorithm", "ValidationException");
        return Algorithms(metadata.Str("KeySpec")).Contains(algorithm)
            ? algorithm
            : throw new AwsError("InvalidKeyUsageException", $"Algorithm {algorithm} is incompatible with key spec {metadata.Str("KeySpec")}.");
    }

    /// <summary>The SHA-256 to sign: the message itself with MessageType DIGEST, else its hash.</summary>
    private static byte[] Digest(ServiceRequest request)
    {
        var message = Blob(request, "Message");
        if ((request.Str("MessageType") ?? "RAW") == "RAW")
        {
            return message.Length <= 4096 ? SHA256.HashData(message) : throw new AwsError("ValidationException", "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096");
        }

        return message.Length == 32 ? message : throw new AwsError("ValidationException", "Digest is invalid length for algorithm ECDSA_SHA_256.");
    }

    private static byte[] Blob(ServiceRequest request, string name)
    {
        try
        {
            return Convert.FromBase64String(request.RequiredStr(name, "ValidationException"));
        }
        catch (FormatException)
        {
            throw new AwsError("SerializationException", $"{name} is not base64.");
        }
    }

    private static JsonObject GetKeyPolicy(ServiceRequest request)
    {
        var key = Key(request, request.RequiredStr("KeyId", "ValidationException"), allowAlias: false);
        var name = request.Str("PolicyName") ?? "default";
        if (name != "default")
        {
            throw new AwsError("NotFoundException", $"Policy {name} does not exist.");
        }

        // KMS returns the policy document as a pretty-printed JSON string inside the JSON answer.
        var policy = key["Policy"] is JsonObject document ? document.ToJsonString(Indented) : key.Str("Policy");
        return Resources.Output(("Policy", policy), ("PolicyName", name));
    }

    private static JsonObject GetKeyRotationStatus(ServiceRequest request)
    {
        var key = Key(request, request.RequiredStr("KeyId", "ValidationException"), allowAlias: false);
        // KMS reports rotation off while a key is pending deletion, and the stored setting again once deletion is cancelled.
        var enabled = (key["KeyRotationEnabled"]?.GetValue<bool>() ?? false) && key["KeyMetadata"].Str("KeyState") != "PendingDeletion";
        return Resources.Output(
            ("KeyId", key["KeyMetadata"].Str("Arn")),
            ("KeyRotationEnabled", enabled),
            ("NextRotationDate", enabled ? key["NextRotationDate"]?.DeepClone() : null),
            ("RotationPeriodInDays", enabled ? key["RotationPeriodInDays"]?.DeepClone() : null));
    }

    private static JsonObject ListAliases(ServiceRequest request)
    {
        var aliases = request.Items("kms", "Aliases");
        if (request.Str("KeyId") is { } keyId)
        {
            var target = Key(request, keyId, allowAlias: false)["KeyMetadata"].Str("KeyId");
            aliases = aliases.Where(a => a.Str("TargetKeyId") == target);
        }

        var (page, next) = Paging.Slice(request, aliases, request.Str("Marker"), request.Int("Limit"), "InvalidMarkerException");
        return Resources.Output(("Aliases", page), ("NextMarker", next), ("Truncated", next is not null));
    }

    /// <summary>Finds a key by id or ARN, and by alias name or alias ARN where the operation accepts aliases (DescribeKey does; GetKeyPolicy does not).</summary>
    private static JsonObject Key(ServiceRequest request, string id, bool allowAlias)
    {
        var keys = request.Items("kms", "Keys").ToList();
        var aliasName = id.StartsWith("alias/", StringComparison.Ordinal) ? id
            : id.Contains(":alias/", StringComparison.Ordinal) ? id[(id.IndexOf(":alias/", StringComparison.Ordinal) + 1)..]
            : null;
        if (aliasName is not null)
        {
            var aliasArn = $"arn:aws:kms:{request.Scenario.Region}:{request.Scenario.Account}:{aliasName}";
            if (!allowAlias)
            {
                throw new AwsError("NotFoundException", $"Invalid keyId '{id}'");
            }

            var target = request.Items("kms", "Aliases").FirstOrDefault(a => a.Str("AliasName") == aliasName)?.Str("TargetKeyId")
                ?? throw new AwsError("NotFoundException", $"Alias {aliasArn} is not found.");
            id = target;
        }

        return keys.FirstOrDefault(k => k["KeyMetadata"].Str("KeyId") == id || k["KeyMetadata"].Str("Arn") == id)
            ?? throw new AwsError("NotFoundException", id.StartsWith("arn:", StringComparison.Ordinal)
                ? $"Key '{id}' does not exist"
                : $"Key 'arn:aws:kms:{request.Scenario.Region}:{request.Scenario.Account}:key/{id}' does not exist");
    }
}
