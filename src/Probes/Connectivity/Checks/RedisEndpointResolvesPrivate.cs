using Verification.Probes.Controls;

namespace Verification.Probes.Connectivity.Checks;

/// <summary>redis_endpoint resolves only to private addresses.</summary>
public sealed class RedisEndpointResolvesPrivate : DataPathCheck
{
    public override string Title => "redis_endpoint resolves only to private addresses";

    public override Severity Severity => Severity.High;

    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];

    public override string Remediation => "Keep the cache in the private subnets (its subnet group) with no route from the internet.";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new PrivateAddressProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.Redis, cancellationToken);

    protected override string? MissingProof(ProbeResult result) =>
        string.IsNullOrEmpty(result.Evidence.GetValueOrDefault("addresses")) ? "no resolved address was recorded" : null;
}
