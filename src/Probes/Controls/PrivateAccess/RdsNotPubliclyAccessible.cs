using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>No stack DB instance is publicly accessible.</summary>
public sealed class RdsNotPubliclyAccessible : DBInstanceControl
{
    public override string Title => "RDS DB instances are not publicly accessible";
    public override string Area => "Private access";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "A publicly accessible instance gets a public DNS answer and address; one security-group mistake exposes the ePHI database to the internet.";
    public override string Remediation => "Set publicly_accessible = false (PubliclyAccessible: false) on every DB instance; RDS applies it without replacement.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(e)(1)"];

    protected override Finding Judge(EvaluationContext context, DBInstance instance)
    {
        var evidence = Evidence.Of(("PubliclyAccessible", instance.PubliclyAccessible), ("Endpoint", instance.Endpoint?.Address));
        return instance.PubliclyAccessible switch
        {
            null => Unreported(context, ResourceId(instance), $"RDS DB instance {instance.DBInstanceIdentifier}", "PubliclyAccessible"),
            true => Fail(context, ResourceId(instance), $"RDS DB instance {instance.DBInstanceIdentifier} is publicly accessible.", evidence),
            false => Pass(context, ResourceId(instance), $"RDS DB instance {instance.DBInstanceIdentifier} is not publicly accessible.", evidence),
        };
    }
}
