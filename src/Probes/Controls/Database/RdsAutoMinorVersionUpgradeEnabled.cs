using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>
/// Every DB instance, Aurora members included (Aurora sets it per instance; the cluster's flag is for Multi-AZ DB clusters
/// only), takes minor engine versions in its maintenance window. Peers: Prowler <c>rds_instance_minor_version_upgrade_enabled</c>,
/// AWS Config <c>rds-automatic-minor-version-upgrade-enabled</c> (in the HIPAA conformance pack), Steampipe
/// <c>rds_db_instance_automatic_minor_version_upgrade_enabled</c>; cdk-nag's HIPAA pack cites 164.308(a)(5)(ii)(A), Prowler's
/// and Steampipe's HIPAA mappings do not list it.
/// </summary>
public sealed class RdsAutoMinorVersionUpgradeEnabled : DBInstanceControl
{
    public override string Title => "RDS DB instances upgrade minor engine versions automatically";
    public override string Area => "Database";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Security fixes in PostgreSQL minor releases are never applied until someone upgrades by hand; known vulnerabilities stay open on the ePHI database.";
    public override string Remediation => "Set auto_minor_version_upgrade = true (AutoMinorVersionUpgrade: true) on every DB instance, Aurora members (aws_rds_cluster_instance) included.";

    // Security updates as the conformance packs map them (security reminders, which include patching).
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(5)(ii)(A)"];

    protected override Finding Judge(EvaluationContext context, DBInstance instance)
    {
        var evidence = Evidence.Of(("AutoMinorVersionUpgrade", instance.AutoMinorVersionUpgrade));
        var name = $"RDS DB instance {instance.DBInstanceIdentifier}";
        return instance.AutoMinorVersionUpgrade switch
        {
            null => Unreported(context, ResourceId(instance), name, "AutoMinorVersionUpgrade"),
            true => Pass(context, ResourceId(instance), $"{name} upgrades minor engine versions automatically.", evidence),
            false => Fail(context, ResourceId(instance), $"{name} does not upgrade minor engine versions automatically.", evidence),
        };
    }
}
