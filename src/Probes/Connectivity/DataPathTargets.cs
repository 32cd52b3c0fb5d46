using Verification.Probes.Outputs;

namespace Verification.Probes.Connectivity;

/// <summary>The stack's data-path endpoints, named and numbered by its outputs, with the run's connect overrides.</summary>
public sealed record DataPathTargets(DataPathEndpoint Db, DataPathEndpoint Redis, DataPathEndpoint AlbHttps, DataPathEndpoint AlbHttp)
{
    /// <summary>ALB listeners are not in the outputs; the stack's are HTTPS on 443 and HTTP (redirecting) on 80.</summary>
    public const int AlbHttpsPort = 443;

    public const int AlbHttpPort = 80;

    /// <summary>db_endpoint, redis_endpoint and alb_dns_name from <paramref name="outputs"/>, each with its override.</summary>
    public static DataPathTargets From(StackOutputs outputs, ConnectivitySettings settings) => new(
        new DataPathEndpoint(outputs.DbEndpoint.Host, outputs.DbEndpoint.Port, settings.DbConnectAddress),
        new DataPathEndpoint(outputs.RedisEndpoint.Host, outputs.RedisEndpoint.Port, settings.RedisConnectAddress),
        new DataPathEndpoint(outputs.AlbDnsName, AlbHttpsPort, settings.AlbConnectAddress),
        new DataPathEndpoint(outputs.AlbDnsName, AlbHttpPort, settings.AlbHttpConnectAddress));
}
