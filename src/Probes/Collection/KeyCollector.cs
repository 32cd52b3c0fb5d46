using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The stack key, its policy, rotation and aliases, and the database secret it protects.</summary>
internal sealed record KeyPart(
    Task<Fetched<KeyMetadata>> Key,
    Task<Fetched<string>> Policy,
    Task<Fetched<bool?>> Rotation,
    Task<Fetched<List<AliasListEntry>>> Aliases,
    Task<Fetched<SecretDescription>> Secret,
    Task<Fetched<string?>> SecretPolicy);

/// <summary>Asks the KMS and Secrets Manager questions about the resources the outputs name.</summary>
internal static class KeyCollector
{
    public static KeyPart Start(AwsQuestions aws, StackOutputs outputs, CancellationToken ct) => new(
        aws.Ask($"kms:DescribeKey:{outputs.KmsKeyArn}", () => aws.Kms.DescribeKeyAsync(outputs.KmsKeyArn, ct)),
        aws.Ask($"kms:GetKeyPolicy:{outputs.KmsKeyArn}", () => aws.Kms.GetKeyPolicyAsync(outputs.KmsKeyArn, ct)),
        aws.Ask($"kms:GetKeyRotationStatus:{outputs.KmsKeyArn}", () => aws.Kms.GetKeyRotationStatusAsync(outputs.KmsKeyArn, ct)),
        aws.Ask("kms:ListAliases", () => aws.Kms.ListAliasesAsync(ct)),
        aws.Ask($"secretsmanager:DescribeSecret:{outputs.DbSecretArn}", () => aws.Secrets.DescribeSecretAsync(outputs.DbSecretArn, ct)),
        aws.Ask($"secretsmanager:GetResourcePolicy:{outputs.DbSecretArn}", () => aws.Secrets.GetResourcePolicyAsync(outputs.DbSecretArn, ct)));
}
