namespace Verification.Probes.Aws.Model;

// Shapes follow the ECR API Reference (2015-09-21); JSON member names are lowerCamel on the wire, PascalCase here.

public sealed record ImageScanningConfiguration
{
    public bool? ScanOnPush { get; init; }
}

/// <summary>An ECR repository (DescribeRepositories).</summary>
public sealed record Repository
{
    public string RepositoryArn { get; init; } = "";
    public string? RegistryId { get; init; }
    public string RepositoryName { get; init; } = "";
    public string? RepositoryUri { get; init; }
    public string? ImageTagMutability { get; init; }

    /// <summary>Null when ECR did not report it: never read as "scan on push off".</summary>
    public ImageScanningConfiguration? ImageScanningConfiguration { get; init; }
}
