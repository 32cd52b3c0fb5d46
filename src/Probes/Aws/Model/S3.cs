namespace Verification.Probes.Aws.Model;

/// <summary>One rule of a bucket's default encryption (GetBucketEncryption's ServerSideEncryptionRule).</summary>
/// <param name="SSEAlgorithm">"aws:kms", "aws:kms:dsse" or "AES256".</param>
/// <param name="KMSMasterKeyID">The key S3 encrypts new objects with when the algorithm is a KMS one; null means the AWS managed aws/s3 key.</param>
public sealed record ServerSideEncryptionRule(string SSEAlgorithm, string? KMSMasterKeyID, bool? BucketKeyEnabled);

/// <summary>A bucket's versioning state (GetBucketVersioning); Status is null for a bucket that never had versioning on.</summary>
/// <param name="Status">"Enabled", "Suspended", or null.</param>
public sealed record BucketVersioning(string? Status, string? MFADelete);

/// <summary>Where a bucket's server access logs go (GetBucketLogging's LoggingEnabled); absent when logging is off.</summary>
public sealed record LoggingEnabled(string TargetBucket, string? TargetPrefix);

/// <summary>A bucket's Block Public Access settings (GetPublicAccessBlock); an unset flag reads as false.</summary>
public sealed record PublicAccessBlockConfiguration(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    /// <summary>True when all four flags are on.</summary>
    public bool BlocksAll => BlockPublicAcls && IgnorePublicAcls && BlockPublicPolicy && RestrictPublicBuckets;
}
