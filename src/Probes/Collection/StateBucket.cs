using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>
/// The IaC state bucket and the four answers about it. Each answer stands alone, so one denied action errors only the
/// control that needs it. "Not configured" is an answer (an empty list, null), not an error.
/// </summary>
public sealed record StateBucket
{
    public string Name { get; init; } = "";

    /// <summary>The bucket's ARN, as findings name it.</summary>
    public string Arn => $"arn:aws:s3:::{Name}";

    /// <summary>Default encryption rules; empty when the bucket has none (ServerSideEncryptionConfigurationNotFoundError).</summary>
    public Fetched<List<ServerSideEncryptionRule>> Encryption { get; init; } = new();

    public Fetched<BucketVersioning> Versioning { get; init; } = new();

    /// <summary>Null value when the bucket has no Block Public Access configuration (NoSuchPublicAccessBlockConfiguration).</summary>
    public Fetched<PublicAccessBlockConfiguration?> PublicAccessBlock { get; init; } = new();

    /// <summary>The bucket policy's JSON text; null value when the bucket has no policy (NoSuchBucketPolicy).</summary>
    public Fetched<string?> Policy { get; init; } = new();

    /// <summary>Where server access logs go; null value when logging is off.</summary>
    public Fetched<LoggingEnabled?> Logging { get; init; } = new();
}
