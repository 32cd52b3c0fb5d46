namespace Verification.Probes.Aws.Model;

// Shapes follow the ECS API Reference (2014-11-13); JSON member names are lowerCamel on the wire, PascalCase here.

public sealed record KeyValuePairEntry
{
    public string Name { get; init; } = "";
    public string? Value { get; init; }

    /// <summary>Never from AWS: why the collector, reading the raw value of a task definition's environment variable, took it for a credential; null otherwise.</summary>
    public string? Credential { get; init; }
}

public sealed record ClusterServiceConnectDefaults
{
    public string? Namespace { get; init; }
}

public sealed record Cluster
{
    public string ClusterArn { get; init; } = "";
    public string ClusterName { get; init; } = "";
    public string? Status { get; init; }
    public List<KeyValuePairEntry> Settings { get; init; } = [];
    public ClusterServiceConnectDefaults? ServiceConnectDefaults { get; init; }
}

public sealed record AwsVpcConfiguration
{
    public List<string> Subnets { get; init; } = [];
    public List<string> SecurityGroups { get; init; } = [];

    /// <summary>"ENABLED" or "DISABLED".</summary>
    public string? AssignPublicIp { get; init; }
}

public sealed record ServiceConnectConfiguration
{
    public bool Enabled { get; init; }
    public string? Namespace { get; init; }
}

public sealed record Deployment
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? TaskDefinition { get; init; }
    public int? DesiredCount { get; init; }
    public int? RunningCount { get; init; }
    public int? FailedTasks { get; init; }
    public string? RolloutState { get; init; }
    public string? RolloutStateReason { get; init; }
    public ServiceConnectConfiguration? ServiceConnectConfiguration { get; init; }
}

public sealed record ServiceEvent
{
    public string? Id { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Message { get; init; }
}

public sealed record Service
{
    public string ServiceArn { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string? ClusterArn { get; init; }
    public string? Status { get; init; }
    public int? DesiredCount { get; init; }
    public int? RunningCount { get; init; }
    public string? LaunchType { get; init; }

    /// <summary>The capacity providers (FARGATE, FARGATE_SPOT, an Auto Scaling group's) a service without a launch type runs on.</summary>
    public List<CapacityProviderStrategyItem> CapacityProviderStrategy { get; init; } = [];

    /// <summary>"LATEST" or a Fargate platform version ("1.4.0"); only Fargate services carry one.</summary>
    public string? PlatformVersion { get; init; }

    /// <summary>"Linux" or a Windows Server family, for Fargate services.</summary>
    public string? PlatformFamily { get; init; }
    public string? TaskDefinition { get; init; }
    public AwsVpcConfiguration? NetworkConfiguration { get; init; }
    public List<Deployment> Deployments { get; init; } = [];
    public List<ServiceEvent> Events { get; init; } = [];
}

public sealed record CapacityProviderStrategyItem
{
    public string CapacityProvider { get; init; } = "";
    public int? Weight { get; init; }
    public int? Base { get; init; }
}

public sealed record LogConfiguration
{
    public string? LogDriver { get; init; }
    public Dictionary<string, string> Options { get; init; } = [];
}

public sealed record SecretReference
{
    public string Name { get; init; } = "";
    public string? ValueFrom { get; init; }
}

public sealed record ContainerDefinition
{
    public string Name { get; init; } = "";
    public string? Image { get; init; }
    public bool? Privileged { get; init; }

    /// <summary>Absent means false: ECS (like docker run without --read-only) gives the container a writable root filesystem.</summary>
    public bool? ReadonlyRootFilesystem { get; init; }
    public List<KeyValuePairEntry> Environment { get; init; } = [];
    public List<SecretReference> Secrets { get; init; } = [];
    public LogConfiguration? LogConfiguration { get; init; }
}

public sealed record TaskDefinition
{
    public string TaskDefinitionArn { get; init; } = "";
    public string? Family { get; init; }
    public int? Revision { get; init; }
    public string? NetworkMode { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public string? TaskRoleArn { get; init; }
    public List<ContainerDefinition> ContainerDefinitions { get; init; } = [];
}

public sealed record EcsContainer
{
    public string? Name { get; init; }
    public string? Reason { get; init; }
    public string? LastStatus { get; init; }
}

/// <summary>A task attachment; for awsvpc tasks the ElasticNetworkInterface whose details name networkInterfaceId and subnetId.</summary>
public sealed record Attachment
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public string? Status { get; init; }
    public List<KeyValuePairEntry> Details { get; init; } = [];
}

public sealed record EcsTask
{
    public string TaskArn { get; init; } = "";
    public string? ClusterArn { get; init; }
    public List<Attachment> Attachments { get; init; } = [];
    public string? Group { get; init; }
    public string? LastStatus { get; init; }
    public string? StopCode { get; init; }
    public string? StoppedReason { get; init; }
    public DateTimeOffset? StoppedAt { get; init; }
    public List<EcsContainer> Containers { get; init; } = [];
}
