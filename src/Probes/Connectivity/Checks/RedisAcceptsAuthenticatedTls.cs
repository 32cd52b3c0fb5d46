namespace Verification.Probes.Connectivity.Checks;

/// <summary>Redis accepts an authenticated session over TLS 1.2+ with a certificate issued for redis_endpoint.</summary>
public sealed class RedisAcceptsAuthenticatedTls : DataPathCheck
{
    public override string Title => "Redis accepts an authenticated, verified TLS 1.2+ session";

    public override string Remediation =>
        "Let the runner reach redis_endpoint, enable in-transit encryption, and give RedisAuthSecretArn the secret holding the AUTH token.";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new RedisProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.Redis, context.Credentials.RedisAuthToken, context.Settings.RedisWriteCanary, cancellationToken);

    protected override string? MissingProof(ProbeResult result) => MissingVerifiedTls(result);
}
