using Verification.Probes.Controls;

namespace Verification.Probes.Connectivity.Checks;

/// <summary>The database secret names db_endpoint's host and port, so the application connects where the stack says.</summary>
public sealed class DbSecretNamesDbEndpoint : DataPathCheck
{
    public override string Title => "The database secret names db_endpoint's host and port";

    public override Severity Severity => Severity.High;

    public override IReadOnlyList<string> Hipaa => [];

    public override string Remediation => "Write host and port of the database endpoint into the secret (or rotate it with the RDS rotation function, which does).";

    protected override Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken) =>
        Task.FromResult(DbSecretEndpointCheck.Check(context.Credentials, context.Outputs.DbEndpoint, context.Outputs.DbSecretArn, context.Time));
}
