using Amazon.Runtime;
using Amazon.S3;
using Sdk = Amazon.S3.Model;
using Verification.Probes.Aws.Model;

namespace Verification.Probes.Aws.S3;

/// <summary>Bucket configuration questions, asked through the official AWSSDK.S3 client and mapped to our records.</summary>
/// <remarks>
/// Operations are recorded under their IAM action names (GetBucketEncryption needs s3:GetEncryptionConfiguration,
/// GetPublicAccessBlock needs s3:GetBucketPublicAccessBlock), so a denial names the permission to grant.
/// S3 answers "not configured" with a 404 error code; those codes are answers here, never errors.
/// </remarks>
public sealed class S3Client : IDisposable
{
    private readonly SdkCalls _calls;
    private readonly AmazonS3Client _client;

    public S3Client(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _calls = new SdkCalls(session, AwsService.S3);
        var config = _calls.Configure(new AmazonS3Config());

        // A custom endpoint (the sandbox, LocalStack) is one host: the bucket goes in the path, not the host name.
        config.ForcePathStyle = session.Endpoints.IsOverridden(AwsService.S3);
        _client = new AmazonS3Client(session.Credentials, config);
    }

    /// <summary>The bucket's default encryption rules; empty when it has none.</summary>
    public async Task<List<ServerSideEncryptionRule>> GetBucketEncryptionAsync(string bucket, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetEncryptionConfiguration",
            token => NotConfiguredAsEmpty(_client.GetBucketEncryptionAsync(new Sdk.GetBucketEncryptionRequest { BucketName = bucket }, token), "ServerSideEncryptionConfigurationNotFoundError"),
            cancellationToken).ConfigureAwait(false);
        return [.. (response.ServerSideEncryptionConfiguration?.ServerSideEncryptionRules ?? [])
            .Where(rule => rule.ServerSideEncryptionByDefault is not null)
            .Select(rule => new ServerSideEncryptionRule(
                rule.ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm?.Value ?? "",
                NonEmpty(rule.ServerSideEncryptionByDefault.ServerSideEncryptionKeyManagementServiceKeyId),
                rule.BucketKeyEnabled))];
    }

    /// <summary>The bucket's versioning status.</summary>
    public async Task<BucketVersioning> GetBucketVersioningAsync(string bucket, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetBucketVersioning",
            token => _client.GetBucketVersioningAsync(new Sdk.GetBucketVersioningRequest { BucketName = bucket }, token), cancellationToken).ConfigureAwait(false);
        var status = response.VersioningConfig?.Status?.Value;

        // The SDK reports a never-versioned bucket (no Status element) as "Off"; keep the wire's absence.
        return new BucketVersioning(status is null || status == VersionStatus.Off.Value ? null : status,
            response.VersioningConfig?.EnableMfaDelete is { } mfa ? (mfa ? "Enabled" : "Disabled") : null);
    }

    /// <summary>The bucket's Block Public Access flags; null when it has no such configuration.</summary>
    public async Task<PublicAccessBlockConfiguration?> GetPublicAccessBlockAsync(string bucket, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetBucketPublicAccessBlock",
            token => NotConfiguredAsEmpty(_client.GetPublicAccessBlockAsync(new Sdk.GetPublicAccessBlockRequest { BucketName = bucket }, token), "NoSuchPublicAccessBlockConfiguration"),
            cancellationToken).ConfigureAwait(false);
        return response.PublicAccessBlockConfiguration is { } block
            ? new PublicAccessBlockConfiguration(block.BlockPublicAcls ?? false, block.IgnorePublicAcls ?? false, block.BlockPublicPolicy ?? false, block.RestrictPublicBuckets ?? false)
            : null;
    }

    /// <summary>The bucket policy's JSON text; null when the bucket has no policy.</summary>
    public async Task<string?> GetBucketPolicyAsync(string bucket, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetBucketPolicy",
            token => NotConfiguredAsEmpty(_client.GetBucketPolicyAsync(new Sdk.GetBucketPolicyRequest { BucketName = bucket }, token), "NoSuchBucketPolicy"),
            cancellationToken).ConfigureAwait(false);
        // AWSSDK.S3 4.1 reads GetBucketPolicy's payload before checking the status, so NoSuchBucketPolicy can arrive as
        // a 404 "response" whose policy is the error document.
        return response.HttpStatusCode == System.Net.HttpStatusCode.NotFound ? null : NonEmpty(response.Policy);
    }

    /// <summary>Where the bucket's server access logs go; null when logging is off (an empty BucketLoggingStatus).</summary>
    public async Task<LoggingEnabled?> GetBucketLoggingAsync(string bucket, CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetBucketLogging",
            token => _client.GetBucketLoggingAsync(new Sdk.GetBucketLoggingRequest { BucketName = bucket }, token), cancellationToken).ConfigureAwait(false);
        return response.BucketLoggingConfig?.TargetBucketName is { Length: > 0 } target
            ? new LoggingEnabled(target, NonEmpty(response.BucketLoggingConfig.TargetPrefix))
            : null;
    }

    /// <summary>The call's answer, or an empty response when S3 says the configuration does not exist (keeping its request id).</summary>
    private static async Task<TResponse> NotConfiguredAsEmpty<TResponse>(Task<TResponse> call, string notConfiguredCode)
        where TResponse : AmazonWebServiceResponse, new()
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == notConfiguredCode)
        {
            return new TResponse { ResponseMetadata = new ResponseMetadata { RequestId = e.RequestId } };
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    public void Dispose()
    {
        _client.Dispose();
        _calls.Dispose();
    }
}
