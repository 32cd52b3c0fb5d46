using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.SecretsManager;

/// <summary>Secrets Manager questions over JSON 1.1 (PascalCase wire names).</summary>
public sealed class SecretsManagerClient(AwsTransport transport)
{
    private readonly JsonClient _json = new(transport, AwsService.SecretsManager);

    /// <summary>A secret's metadata (encryption key, rotation, replication, deletion), never its value.</summary>
    public async Task<SecretDescription> DescribeSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        var secret = await _json.CallAsync("DescribeSecret", new JsonObject { ["SecretId"] = secretId }, cancellationToken).ConfigureAwait(false);
        return new SecretDescription
        {
            ARN = secret.Text("ARN") ?? "",
            Name = secret.Text("Name"),
            KmsKeyId = secret.Text("KmsKeyId"),
            RotationEnabled = secret.Bool("RotationEnabled"),
            LastRotatedDate = secret.EpochSeconds("LastRotatedDate"),
            RotationRules = secret.Member("RotationRules") is { } rules
                ? new RotationRulesType { AutomaticallyAfterDays = rules.Long("AutomaticallyAfterDays"), ScheduleExpression = rules.Text("ScheduleExpression") }
                : null,
            DeletedDate = secret.EpochSeconds("DeletedDate"),
            ReplicationStatus = [.. secret.Items("ReplicationStatus").Select(replica => new ReplicationStatus
            {
                Region = replica.Text("Region"),
                KmsKeyId = replica.Text("KmsKeyId"),
                Status = replica.Text("Status"),
            })],
            Tags = [.. secret.Items("Tags").Select(tag => new Tag { Key = tag.Text("Key") ?? "", Value = tag.Text("Value") })],
        };
    }

    /// <summary>The secret's resource policy as JSON text; null when it has none.</summary>
    public async Task<string?> GetResourcePolicyAsync(string secretId, CancellationToken cancellationToken)
    {
        var answer = await _json.CallAsync("GetResourcePolicy", new JsonObject { ["SecretId"] = secretId }, cancellationToken).ConfigureAwait(false);
        return answer.Text("ResourcePolicy") is { Length: > 0 } policy ? policy : null;
    }

    /// <summary>The current value of a secret, wrapped so that it never prints (used only to prove connectivity).</summary>
    public async Task<SecretValue> GetSecretValueAsync(string secretId, CancellationToken cancellationToken)
    {
        var secret = await _json.CallAsync("GetSecretValue", new JsonObject { ["SecretId"] = secretId }, cancellationToken).ConfigureAwait(false);
        var text = secret.Text("SecretString");
        var binary = secret.Text("SecretBinary");
        if (text is null && binary is null)
        {
            throw new AwsServiceException(AwsService.SecretsManager.EndpointPrefix, "GetSecretValue", _json.Region, "MalformedResponse",
                $"the answer for {secretId} has neither SecretString nor SecretBinary", 200, null);
        }

        return new SecretValue(secret.Text("ARN") ?? secretId, secret.Text("Name"), secret.Text("VersionId"), secret.EpochSeconds("CreatedDate"), text ?? binary!, text is null);
    }
}
