using Amazon.KeyManagementService;
using Sdk = Amazon.KeyManagementService.Model;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Kms;

/// <summary>KMS key questions, asked through the official AWSSDK.KeyManagementService client and mapped to our records.</summary>
public sealed class KmsClient : IDisposable
{
    private readonly SdkCalls _calls;
    private readonly AmazonKeyManagementServiceClient _client;
    private readonly string _region;

    public KmsClient(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _calls = new SdkCalls(session, AwsService.Kms);
        _client = new AmazonKeyManagementServiceClient(session.Credentials, _calls.Configure(new AmazonKeyManagementServiceConfig()));
        _region = session.Region;
    }

    /// <summary>The key's state, manager, usage and origin.</summary>
    public async Task<KeyMetadata> DescribeKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("DescribeKey", token => _client.DescribeKeyAsync(new Sdk.DescribeKeyRequest { KeyId = keyId }, token), cancellationToken).ConfigureAwait(false);
        var key = response.KeyMetadata ?? throw Paging.Malformed(AwsService.Kms.EndpointPrefix, "DescribeKey", _region, "the answer carries no KeyMetadata");
        return new KeyMetadata
        {
            KeyId = key.KeyId ?? keyId,
            Arn = key.Arn ?? "",
            Enabled = key.Enabled,
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
    public async Task<bool?> GetKeyRotationStatusAsync(string keyId, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetKeyRotationStatus", token => _client.GetKeyRotationStatusAsync(new Sdk.GetKeyRotationStatusRequest { KeyId = keyId }, token), cancellationToken).ConfigureAwait(false);
        // Absent is "AWS did not say", which the rotation control reports as an error, never as "off" or "on".
        return response.KeyRotationEnabled;
    }

    /// <summary>Every alias in the account and region, with the key it points at.</summary>
    public async Task<List<AliasListEntry>> ListAliasesAsync(CancellationToken cancellationToken)
    {
        var pages = await Paging.AllAsync(
            AwsService.Kms.EndpointPrefix,
            "ListAliases",
            _region,
            (marker, ct) => _calls.RunAsync("ListAliases", token => _client.ListAliasesAsync(new Sdk.ListAliasesRequest { Marker = marker, Limit = 100 }, token), ct),
            response => response.Truncated == true
                ? response.NextMarker is { Length: > 0 } next ? next : throw Paging.Malformed(AwsService.Kms.EndpointPrefix, "ListAliases", _region, "a page says Truncated but carries no NextMarker")
                : null,
            _calls.Time,
            cancellationToken).ConfigureAwait(false);
        return [.. pages.SelectMany(response => (response.Aliases ?? []).Select(alias => new AliasListEntry { AliasName = alias.AliasName ?? "", AliasArn = alias.AliasArn, TargetKeyId = alias.TargetKeyId }))];
    }

    public void Dispose()
    {
        _client.Dispose();
        _calls.Dispose();
    }
}
