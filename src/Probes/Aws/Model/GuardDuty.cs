namespace Verification.Probes.Aws.Model;

/// <summary>GetDetector's answer (GuardDuty's wire names are lowerCamel).</summary>
public sealed record Detector
{
    /// <summary>"ENABLED" or "DISABLED".</summary>
    public string? Status { get; init; }
    public string? FindingPublishingFrequency { get; init; }
    public string? UpdatedAt { get; init; }

    /// <summary>Absent on detectors that predate features (only dataSources): then AWS did not report them.</summary>
    public List<DetectorFeatureConfigurationResult>? Features { get; init; }
}

/// <summary>One protection plan of a detector ("RDS_LOGIN_EVENTS", "RUNTIME_MONITORING", ...).</summary>
public sealed record DetectorFeatureConfigurationResult
{
    public string Name { get; init; } = "";
    public string? Status { get; init; }
    public List<DetectorAdditionalConfigurationResult> AdditionalConfiguration { get; init; } = [];
}

/// <summary>A feature's sub-setting ("ECS_FARGATE_AGENT_MANAGEMENT").</summary>
public sealed record DetectorAdditionalConfigurationResult
{
    public string Name { get; init; } = "";
    public string? Status { get; init; }
}

/// <summary>A GuardDuty finding, with the resource identifiers the suite matches against the stack.</summary>
public sealed record GuardDutyFinding
{
    public string Id { get; init; } = "";
    public string? Arn { get; init; }
    public string? Type { get; init; }
    public string? Title { get; init; }
    public double? Severity { get; init; }
    public string? UpdatedAt { get; init; }
    public string? ResourceType { get; init; }
    public string? DbInstanceIdentifier { get; init; }
    public string? DbClusterIdentifier { get; init; }
    public string? EcsClusterArn { get; init; }
    public bool? Archived { get; init; }
}

/// <summary>Security Hub DescribeHub's answer.</summary>
public sealed record Hub
{
    public string HubArn { get; init; } = "";
    public string? SubscribedAt { get; init; }
    public bool? AutoEnableControls { get; init; }
}
