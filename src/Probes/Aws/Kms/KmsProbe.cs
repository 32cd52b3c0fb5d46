using Amazon.KeyManagementService;
using Sdk = Amazon.KeyManagementService.Model;
using Verification.Probes.Aws.Model;

namespace Verification.Probes.Aws.Kms;

/// <summary>KMS key questions, asked through the official AWSSDK.KeyManagementService client and mapped to our records.</summary>
public sealed class KmsProbe : IDisposable
{
    private readonly SdkCalls _calls;
    private readonly AmazonKeyManagementServiceClient _client;

    public KmsProbe(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _calls = new SdkCalls(session, AwsService.Kms);
        _client = new AmazonKeyManagementServiceClient(session.Credentials, _calls.Configure(new AmazonKeyManagementServiceConfig()));
    }

    /// <summary>The key's state, manager, usage and origin.</summary>
    public async Task<KeyMetadata> DescribeKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("DescribeKey", token => _client.DescribeKeyAsync(new Sdk.DescribeKeyRequest { KeyId = keyId }, token), cancellationToken).ConfigureAwait(false);
        var key = response.KeyMetadata ?? new Sdk.KeyMetadata();
        return new KeyMetadata
        {
            KeyId = key.KeyId ?? keyId,
            Arn = key.Arn ?? "",
            Enabled = key.Enabled ?? false,
            KeyState = key.KeyState?.Value,
            KeyManager = key.KeyManager?.Value,
            KeyUsage = key.KeyUsage?.Value,
            Origin = key.Origin?.Value,
            DeletionDate = key.DeletionDate is { } deletion ? new DateTimeOffset(DateTime.SpecifyKind(deletion, DateTimeKind.Utc)) : null,
        };
    }

    /// <summary>The key's "default" policy document, as the JSON text KMS stores.</summary>
    public async Task<string> GetKeyPolicyAsync(string keyId, CancellationToken cancellationToken)
    {
        // "default" is the only policy name KMS supports.
        var response = await _calls.RunAsync("GetKeyPolicy", token => _client.GetKeyPolicyAsync(new Sdk.GetKeyPolicyRequest { KeyId = keyId, PolicyName = "default" }, token), cancellationToken).ConfigureAwait(false);
        return response.Policy ?? "";
    }

    /// <summary>True when automatic yearly rotation of the key material is on.</summary>
    public async Task<bool> GetKeyRotationStatusAsync(string keyId, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetKeyRotationStatus", token => _client.GetKeyRotationStatusAsync(new Sdk.GetKeyRotationStatusRequest { KeyId = keyId }, token), cancellationToken).ConfigureAwait(false);
        return response.KeyRotationEnabled ?? false;
    }

    /// <summary>Every alias in the account and region, with the key it points at.</summary>
    public async Task<List<AliasListEntry>> ListAliasesAsync(CancellationToken cancellationToken)
    {
        var aliases = new List<AliasListEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        do
        {
            var request = new Sdk.ListAliasesRequest { Marker = marker, Limit = 100 };
            var response = await _calls.RunAsync("ListAliases", token => _client.ListAliasesAsync(request, token), cancellationToken).ConfigureAwait(false);
            aliases.AddRange((response.Aliases ?? []).Select(alias => new AliasListEntry { AliasName = alias.AliasName ?? "", AliasArn = alias.AliasArn, TargetKeyId = alias.TargetKeyId }));
            marker = response.Truncated == true && !string.IsNullOrEmpty(response.NextMarker) && seen.Add(response.NextMarker) ? response.NextMarker : null;
        }
        while (marker is not null);
        return aliases;
    }

    public void Dispose()
    {
        _client.Dispose();
        _calls.Dispose();
    }
}
