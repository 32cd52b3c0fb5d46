using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.Encryption;

/// <summary>Where Performance Insights is on, its data (which includes SQL text) is encrypted with the stack key.</summary>
public sealed class RdsPerformanceInsightsEncryptedWithStackKey : DBInstanceControl
{
    public override string Title => "RDS Performance Insights data is encrypted with the stack's KMS key";
    public override string Area => "Encryption";
    public override Severity Severity => Severity.High;
    public override string Risk => "Performance Insights keeps the text of top SQL statements, which can hold ePHI literals; under the AWS managed aws/rds key the stack key's policy does not gate who reads it.";
    public override string Remediation => "Set performance_insights_kms_key_id = the kms_key_arn output (PerformanceInsightsKMSKeyId) when enabling Performance Insights; the key cannot be changed afterwards, so disable and re-enable it with the stack key.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)"];

    protected override string? NotApplicableBecause(EvaluationContext context, DBInstance instance) =>
        instance.PerformanceInsightsEnabled is null or true ? null : $"RDS DB instance {instance.DBInstanceIdentifier} has Performance Insights off, so it stores no Performance Insights data.";

    protected override string? NoneExpectedBecause(EvaluationContext context) =>
        context.Snapshot.DBInstances.Value is { Count: > 0 } ? "No stack DB instance has Performance Insights enabled." : null;

    protected override Finding Judge(EvaluationContext context, DBInstance instance)
    {
        if (instance.PerformanceInsightsEnabled is null)
        {
            // Absent says nothing about whether Performance Insights data exists, so it is neither "off" nor a pass.
            return Unreported(context, ResourceId(instance), $"RDS DB instance {instance.DBInstanceIdentifier}", "PerformanceInsightsEnabled");
        }

        var evidence = Evidence.Of(("PerformanceInsightsEnabled", instance.PerformanceInsightsEnabled), ("PerformanceInsightsKMSKeyId", instance.PerformanceInsightsKMSKeyId), ("stackKeyId", context.Key.KeyId));
        return context.Key.IsStackKey(instance.PerformanceInsightsKMSKeyId)
            ? Pass(context, ResourceId(instance), $"RDS DB instance {instance.DBInstanceIdentifier} encrypts Performance Insights data with the stack key {context.Key.KeyId}.", evidence)
            : Fail(context, ResourceId(instance), $"RDS DB instance {instance.DBInstanceIdentifier} encrypts Performance Insights data with {instance.PerformanceInsightsKMSKeyId ?? "an unnamed key"}, not the stack key {context.Key.KeyId}.", evidence);
    }
}
