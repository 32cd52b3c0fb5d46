namespace Verification.Probes.Aws.Model;

// Shapes follow the AWS CloudTrail API Reference (2013-11-01).

public sealed record Trail
{
    public string Name { get; init; } = "";
    public string? TrailARN { get; init; }
    public string? HomeRegion { get; init; }
    public bool? IsMultiRegionTrail { get; init; }
    public bool? IncludeGlobalServiceEvents { get; init; }
    public bool? IsOrganizationTrail { get; init; }
    public bool? LogFileValidationEnabled { get; init; }
    public string? KmsKeyId { get; init; }
    public string? S3BucketName { get; init; }
    public string? CloudWatchLogsLogGroupArn { get; init; }
    public bool? HasCustomEventSelectors { get; init; }
}

/// <summary>GetTrailStatus: whether the trail is recording and its last delivery errors.</summary>
public sealed record TrailStatus
{
    public bool? IsLogging { get; init; }
    public string? LatestDeliveryError { get; init; }
    public string? LatestCloudWatchLogsDeliveryError { get; init; }
    public DateTimeOffset? LatestCloudWatchLogsDeliveryTime { get; init; }
}

/// <summary>GetEventSelectors: a trail uses either basic or advanced event selectors, never both.</summary>
public sealed record TrailEventSelectors
{
    public string? TrailARN { get; init; }
    public List<EventSelector> EventSelectors { get; init; } = [];
    public List<AdvancedEventSelector> AdvancedEventSelectors { get; init; } = [];
}

public sealed record EventSelector
{
    public string? ReadWriteType { get; init; }
    public bool? IncludeManagementEvents { get; init; }
    public List<DataResource> DataResources { get; init; } = [];
}

public sealed record DataResource
{
    public string? Type { get; init; }
    public List<string> Values { get; init; } = [];
}

public sealed record AdvancedEventSelector
{
    public string? Name { get; init; }
    public List<AdvancedFieldSelector> FieldSelectors { get; init; } = [];
}

public sealed record AdvancedFieldSelector
{
    public string Field { get; init; } = "";

    /// <summary>The model's <c>Equals</c> member (a record cannot have a property of that name).</summary>
    public List<string> EqualTo { get; init; } = [];
    public List<string> StartsWith { get; init; } = [];
    public List<string> EndsWith { get; init; } = [];
    public List<string> NotEquals { get; init; } = [];
    public List<string> NotStartsWith { get; init; } = [];
    public List<string> NotEndsWith { get; init; } = [];
}
