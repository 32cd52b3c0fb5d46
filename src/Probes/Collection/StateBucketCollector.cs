namespace Verification.Probes.Collection;

/// <summary>Asks the questions about the IaC state bucket together.</summary>
internal static class StateBucketCollector
{
    /// <summary>The bucket's answers; null when no bucket is named.</summary>
    public static async Task<StateBucket?> CollectAsync(AwsQuestions aws, string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return null;
        }

        var encryption = aws.Ask($"s3:GetEncryptionConfiguration:{name}", () => aws.S3.GetBucketEncryptionAsync(name, ct));
        var versioning = aws.Ask($"s3:GetBucketVersioning:{name}", () => aws.S3.GetBucketVersioningAsync(name, ct));
        var publicAccess = aws.Ask($"s3:GetBucketPublicAccessBlock:{name}", () => aws.S3.GetPublicAccessBlockAsync(name, ct));
        var policy = aws.Ask($"s3:GetBucketPolicy:{name}", () => aws.S3.GetBucketPolicyAsync(name, ct));
        var logging = aws.Ask($"s3:GetBucketLogging:{name}", () => aws.S3.GetBucketLoggingAsync(name, ct));
        return new StateBucket
        {
            Name = name,
            Encryption = await encryption.ConfigureAwait(false),
            Versioning = await versioning.ConfigureAwait(false),
            PublicAccessBlock = await publicAccess.ConfigureAwait(false),
            Policy = await policy.ConfigureAwait(false),
            Logging = await logging.ConfigureAwait(false),
        };
    }
}
