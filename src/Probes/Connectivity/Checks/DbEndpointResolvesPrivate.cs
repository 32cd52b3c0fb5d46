namespace Verification.Probes.Connectivity.Checks;

/// <summary>db_endpoint resolves only to private addresses.</summary>
public sealed class DbEndpointResolvesPrivate : EndpointResolvesPrivate
{
    public override string Title => "db_endpoint resolves only to private addresses";

    public override string Remediation => "Set publicly_accessible = false on the DB instance and keep it in the private-db subnets.";

    protected override DataPathEndpoint Target(DataPathContext context) => context.Targets.Db;
}
