using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>Each DB instance's server certificate stays valid beyond the policy's warning window, judged at the run's observed time.</summary>
public sealed class RdsCaCertificateNotNearExpiry : DBInstanceControl
{
    public override string Title => "RDS DB instance certificates are valid beyond the expiry warning window";
    public override string Area => "Database";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "When the instance's certificate expires, clients that verify it (sslmode=verify-full) cannot connect, and the usual emergency fix is to stop verifying, which leaves TLS open to interception.";
    public override string Remediation => "Rotate to a current CA before the date: set ca_cert_identifier (CACertificateIdentifier) to rds-ca-rsa2048-g1 (or rds-ca-ecc384-g1) and apply it; the warning window is the policy's CertificateExpiryWarningDays.";

    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)"];

    protected override Finding Judge(EvaluationContext context, DBInstance instance)
    {
        var validTill = instance.CertificateDetails?.ValidTill;
        var warningDays = context.Policy.CertificateExpiryWarningDays;
        var id = ResourceId(instance);
        if (validTill is not { } until)
        {
            return Error(context, id, $"RDS DB instance {instance.DBInstanceIdentifier} reports no CertificateDetails.ValidTill.");
        }

        var daysLeft = (int)Math.Floor((until - context.ObservedAt).TotalDays);
        var evidence = Evidence.Of(("CACertificateIdentifier", instance.CACertificateIdentifier), ("ValidTill", until), ("observedAt", context.ObservedAt), ("daysLeft", daysLeft), ("warningDays", warningDays));
        if (until <= context.ObservedAt)
        {
            return Fail(context, id, $"RDS DB instance {instance.DBInstanceIdentifier}'s certificate ({instance.CACertificateIdentifier}) expired on {Evidence.Format(until)}.", evidence);
        }

        return daysLeft < warningDays
            ? Fail(context, id, $"RDS DB instance {instance.DBInstanceIdentifier}'s certificate ({instance.CACertificateIdentifier}) expires in {daysLeft} days, within the {warningDays}-day warning window.", evidence)
            : Pass(context, id, $"RDS DB instance {instance.DBInstanceIdentifier}'s certificate ({instance.CACertificateIdentifier}) is valid for {daysLeft} more days.", evidence);
    }
}
