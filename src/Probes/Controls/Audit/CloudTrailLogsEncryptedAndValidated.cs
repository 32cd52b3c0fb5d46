using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Audit;

/// <summary>
/// Every trail encrypts its log files with a KMS key and writes digest files that prove they were not altered. Peers:
/// Prowler <c>cloudtrail_kms_encryption_enabled</c> (164.312(a)(2)(iv), 164.312(c)(1), 164.312(c)(2), 164.312(e)(2)(ii), ...)
/// and <c>cloudtrail_log_file_validation_enabled</c> (164.312(b), 164.312(c)(1), 164.312(c)(2), ...); AWS Config
/// <c>cloud-trail-encryption-enabled</c> and <c>cloud-trail-log-file-validation-enabled</c>. Any KMS key passes: the trail
/// usually belongs to the account baseline, not to the stack, so the stack key is not required.
/// </summary>
public sealed class CloudTrailLogsEncryptedAndValidated : ResourceControl<Trail>
{
    public override string Title => "CloudTrail trails encrypt their logs with a KMS key and validate log file integrity";
    public override string Area => "Audit";
    public override string Service => "CloudTrail";
    public override Severity Severity => Severity.High;
    public override ControlScope Scope => ControlScope.Account;
    public override string Risk => "Audit logs stored with S3-managed keys can be read by anyone who can read the bucket, and without digest files an attacker who edits or deletes log files to hide access to ePHI leaves no proof of it.";
    public override string Remediation => "Set kms_key_id and enable_log_file_validation = true on the aws_cloudtrail (AWS::CloudTrail::Trail KMSKeyId, EnableLogFileValidation: true), with a key policy that lets cloudtrail.amazonaws.com encrypt.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.312(c)(1)", "164.312(c)(2)"];
    protected override string ResourceKind => "CloudTrail trail";

    protected override Fetched<List<Trail>> Resources(EvaluationContext context) => context.Snapshot.Account.Trails;

    protected override string? NoneExpectedBecause(EvaluationContext context) => $"CloudTrail has no trail in {context.Region}; CloudTrailMultiRegionLogging fails for that.";

    protected override string ResourceId(Trail resource) => resource.TrailARN ?? resource.Name;

    protected override Finding Judge(EvaluationContext context, Trail trail)
    {
        if (trail.LogFileValidationEnabled is not { } validated)
        {
            return Unreported(context, ResourceId(trail), $"CloudTrail trail {trail.Name}", "LogFileValidationEnabled");
        }

        var evidence = Evidence.Of(("KmsKeyId", trail.KmsKeyId), ("LogFileValidationEnabled", validated));
        var missing = new[] { trail.KmsKeyId is null ? "its logs are not encrypted with a KMS key (S3-managed keys only)" : null, validated ? null : "log file validation is off" }.OfType<string>().ToList();
        return missing.Count == 0
            ? Pass(context, ResourceId(trail), $"CloudTrail trail {trail.Name} encrypts its logs with {trail.KmsKeyId} and validates log file integrity.", evidence)
            : Fail(context, ResourceId(trail), $"CloudTrail trail {trail.Name}: {string.Join(" and ", missing)}.", evidence);
    }
}
