namespace Verification.Probes.Aws.Model;

// Shapes follow the Elastic Load Balancing v2 API Reference (2015-12-01).

public sealed record AvailabilityZone
{
    public string? ZoneName { get; init; }
    public string? SubnetId { get; init; }
}

public sealed record LoadBalancer
{
    public string LoadBalancerArn { get; init; } = "";
    public string? DNSName { get; init; }
    public string? LoadBalancerName { get; init; }
    public string? Scheme { get; init; }
    public string? VpcId { get; init; }
    public string? State { get; init; }
    public string? Type { get; init; }
    public List<AvailabilityZone> AvailabilityZones { get; init; } = [];
    public List<string> SecurityGroups { get; init; } = [];
    public string? IpAddressType { get; init; }
}

public sealed record RedirectActionConfig
{
    public string? Protocol { get; init; }
    public string? Port { get; init; }
    public string? Host { get; init; }
    public string? Path { get; init; }
    public string? Query { get; init; }
    public string? StatusCode { get; init; }
}

public sealed record TargetGroupTuple
{
    public string? TargetGroupArn { get; init; }
    public int? Weight { get; init; }
}

public sealed record ForwardActionConfig
{
    public List<TargetGroupTuple> TargetGroups { get; init; } = [];
}

public sealed record ListenerAction
{
    public string Type { get; init; } = "";
    public int? Order { get; init; }
    public string? TargetGroupArn { get; init; }
    public RedirectActionConfig? RedirectConfig { get; init; }
    public ForwardActionConfig? ForwardConfig { get; init; }
}

public sealed record RuleCondition
{
    public string? Field { get; init; }
    public List<string> Values { get; init; } = [];
}

/// <summary>One rule of a listener (DescribeRules); the listener's default action is the rule with IsDefault true.</summary>
public sealed record Rule
{
    public string RuleArn { get; init; } = "";
    /// <summary>"1".."50000", or "default".</summary>
    public string? Priority { get; init; }
    public bool? IsDefault { get; init; }
    public List<RuleCondition> Conditions { get; init; } = [];
    public List<ListenerAction> Actions { get; init; } = [];
}

public sealed record ListenerCertificate
{
    public string? CertificateArn { get; init; }
    public bool? IsDefault { get; init; }
}

public sealed record Listener
{
    public string ListenerArn { get; init; } = "";
    public string? LoadBalancerArn { get; init; }
    public int? Port { get; init; }
    public string? Protocol { get; init; }
    public string? SslPolicy { get; init; }
    public List<ListenerCertificate> Certificates { get; init; } = [];
    public List<ListenerAction> DefaultActions { get; init; } = [];
}

public sealed record LoadBalancerAttribute
{
    public string Key { get; init; } = "";
    public string? Value { get; init; }
}
