namespace Verification.Probes.Connectivity.Checks;

/// <summary>Redis refuses a plaintext RESP command, as observed on the wire.</summary>
public sealed class RedisRefusesPlaintext : DataPathCheck
{
    public override string Title => "Redis refuses plaintext connections";

    public override string Remediation => "Set transit_encryption_enabled = true with TransitEncryptionMode required on the replication group.";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new RedisPlaintextProbe(context.Settings.Probe, context.Time).ProbeAsync(context.Targets.Redis, cancellationToken);

    protected override string? MissingProof(ProbeResult result) =>
        result.Evidence.ContainsKey("answer") ? null : "no answer (or its absence) was recorded";
}
