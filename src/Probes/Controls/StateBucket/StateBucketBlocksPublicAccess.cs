namespace Verification.Probes.Controls.StateBucket;

/// <summary>All four Block Public Access settings are on for the state bucket.</summary>
public sealed class StateBucketBlocksPublicAccess : StateBucketControl
{
    public override string Title => "The IaC state bucket blocks all public access";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "A public ACL or bucket policy, added by mistake or by an attacker, would publish the state file and the database password inside it to the internet.";
    public override string Remediation => "Add aws_s3_bucket_public_access_block with block_public_acls, ignore_public_acls, block_public_policy and restrict_public_buckets all true (PublicAccessBlockConfiguration in CloudFormation).";

    // Access control: only authorised persons and software reach the credential the state holds.
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)"];

    protected override Fact Answer(Collection.StateBucket bucket) => Fact.Optional(bucket.PublicAccessBlock);

    protected override Finding Evaluate(EvaluationContext context, Collection.StateBucket bucket)
    {
        var block = bucket.PublicAccessBlock.Value;
        var evidence = Evidence.Of(
            ("BlockPublicAcls", block?.BlockPublicAcls),
            ("IgnorePublicAcls", block?.IgnorePublicAcls),
            ("BlockPublicPolicy", block?.BlockPublicPolicy),
            ("RestrictPublicBuckets", block?.RestrictPublicBuckets));
        if (block is null)
        {
            return Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} has no Block Public Access configuration.", evidence);
        }

        var off = new[]
        {
            (nameof(block.BlockPublicAcls), block.BlockPublicAcls),
            (nameof(block.IgnorePublicAcls), block.IgnorePublicAcls),
            (nameof(block.BlockPublicPolicy), block.BlockPublicPolicy),
            (nameof(block.RestrictPublicBuckets), block.RestrictPublicBuckets),
        }.Where(f => !f.Item2).Select(f => f.Item1).ToList();
        return off.Count == 0
            ? Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} blocks all public access.", evidence)
            : Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} does not block all public access ({string.Join(", ", off)} off).", evidence);
    }
}
