namespace Verification.Probes.Controls.StateBucket;

/// <summary>The state bucket keeps earlier versions of every object.</summary>
public sealed class StateBucketVersioningEnabled : StateBucketControl
{
    public override string Title => "Versioning is enabled on the IaC state bucket";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "An overwritten or deleted state file cannot be recovered, so a bad apply, a corrupted write or a malicious change to the stack's recorded configuration leaves no earlier version to compare or restore.";
    public override string Remediation => "Add aws_s3_bucket_versioning with versioning_configuration { status = \"Enabled\" } (VersioningConfiguration Status: Enabled in CloudFormation).";

    // Integrity: protect the record of the stack's configuration from improper alteration or destruction.
    public override IReadOnlyList<string> Hipaa => ["164.312(c)(1)"];

    protected override Fact Answer(Collection.StateBucket bucket) => Fact.Of(bucket.Versioning);

    protected override Finding Evaluate(EvaluationContext context, Collection.StateBucket bucket)
    {
        var versioning = bucket.Versioning.Value;
        var evidence = Evidence.Of(("Status", versioning?.Status), ("MFADelete", versioning?.MFADelete));
        return versioning?.Status == "Enabled"
            ? Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} has versioning enabled.", evidence)
            : Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} does not have versioning enabled (status {versioning?.Status ?? "never enabled"}).", evidence);
    }
}
