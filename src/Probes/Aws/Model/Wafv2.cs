namespace Verification.Probes.Aws.Model;

// Shapes follow the AWS WAFV2 API Reference (2019-07-29).

public sealed record WebACL
{
    public string Name { get; init; } = "";
    public string? Id { get; init; }
    public string ARN { get; init; } = "";
}

public sealed record LoggingConfiguration
{
    public string? ResourceArn { get; init; }
    public List<string> LogDestinationConfigs { get; init; } = [];
}
