namespace Verification.Probes.Controls.StateBucket;

/// <summary>
/// The state bucket writes server access logs, so every read of the state (and the database password in it) is
/// recorded with the caller and source address. Peers: Prowler <c>s3_bucket_server_access_logging_enabled</c> (its HIPAA
/// mapping cites 164.308(a)(1)(ii)(D), 164.308(a)(3)(ii)(A), 164.308(a)(6)(ii), 164.312(b) and 164.312(e)(2)(i)), AWS
/// Config <c>s3-bucket-logging-enabled</c> (in the HIPAA conformance pack). CloudTrail S3 data events record the same
/// reads; this control asks for the bucket's own log, which needs no account-wide trail.
/// </summary>
public sealed class StateBucketAccessLoggingEnabled : StateBucketControl
{
    public override string Title => "The IaC state bucket has server access logging enabled";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "Nobody can tell afterwards who read or overwrote the state file, which holds the database password and every output.";
    public override string Remediation => "Add aws_s3_bucket_logging (LoggingConfiguration in CloudFormation, serverAccessLogsBucket in CDK) with target_bucket = a separate log bucket and a target_prefix.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(D)", "164.312(b)"];

    protected override Fact Answer(Collection.StateBucket bucket) => Fact.Optional(bucket.Logging);

    protected override Finding Evaluate(EvaluationContext context, Collection.StateBucket bucket)
    {
        var logging = bucket.Logging.Value;
        var evidence = Evidence.Of(("TargetBucket", logging?.TargetBucket), ("TargetPrefix", logging?.TargetPrefix));
        return logging is null
            ? Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} has server access logging off.", evidence)
            : Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} writes server access logs to {logging.TargetBucket}/{logging.TargetPrefix}.", evidence);
    }
}
