using Verification.Probes.Controls;

namespace Verification.Probes.Connectivity.Checks;

/// <summary>A data-path endpoint's name resolves only to private addresses: the shared judgement of the database and cache checks.</summary>
public abstract class EndpointResolvesPrivate : DataPathCheck
{
    public override Severity Severity => Severity.High;

    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];

    /// <summary>The endpoint whose name is resolved.</summary>
    protected abstract DataPathEndpoint Target(DataPathContext context);

    protected sealed override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        new PrivateAddressProbe(context.Settings.Probe, context.Time).ProbeAsync(Target(context), cancellationToken);

    protected sealed override string? MissingProof(ProbeResult result) =>
        string.IsNullOrEmpty(result.Evidence.GetValueOrDefault("addresses")) ? "no resolved address was recorded" : null;
}
