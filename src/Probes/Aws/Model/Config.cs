namespace Verification.Probes.Aws.Model;

// Shapes follow the AWS Config API Reference (2014-11-12); the wire names are lowerCamel.

public sealed record ConfigurationRecorder
{
    public string Name { get; init; } = "";
    public string? RoleARN { get; init; }
    public RecordingGroup? RecordingGroup { get; init; }
}

public sealed record RecordingGroup
{
    public bool? AllSupported { get; init; }
    public bool? IncludeGlobalResourceTypes { get; init; }
    public List<string> ResourceTypes { get; init; } = [];
}

public sealed record ConfigurationRecorderStatus
{
    public string Name { get; init; } = "";
    public bool? Recording { get; init; }
    public string? LastStatus { get; init; }
    public string? LastErrorCode { get; init; }
    public string? LastErrorMessage { get; init; }
    public DateTimeOffset? LastStatusChangeTime { get; init; }
}
