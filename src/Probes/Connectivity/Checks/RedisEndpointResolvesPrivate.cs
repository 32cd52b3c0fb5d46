namespace Verification.Probes.Connectivity.Checks;

/// <summary>redis_endpoint resolves only to private addresses.</summary>
public sealed class RedisEndpointResolvesPrivate : EndpointResolvesPrivate
{
    public override string Title => "redis_endpoint resolves only to private addresses";

    public override string Remediation => "Keep the cache in the private subnets (its subnet group) with no route from the internet.";

    protected override DataPathEndpoint Target(DataPathContext context) => context.Targets.Redis;
}
