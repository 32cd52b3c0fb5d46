namespace Verification.Probes.Outputs;

/// <summary>An output the suite reads, named as the seeds' TerraformOutput keys, with the form its value must take.</summary>
/// <param name="Expected">The form, as a message completes "expected ...".</param>
internal sealed record KnownOutput(string Name, bool Required, string Expected, Func<string, bool> IsValid)
{
    /// <summary>The name as keys are compared.</summary>
    public string Normalised { get; } = OutputKey.Normalise(Name);

    public static readonly KnownOutput VpcId = new(
        "vpc_id", true, "a VPC id like vpc-0a1b2c3d4e5f67890 (vpc- and 8 or 17 hex digits)", OutputForms.IsVpcId);

    public static readonly KnownOutput AlbDnsName = new(
        "alb_dns_name", true, "a DNS name like name-1234567890.<region>.elb.amazonaws.com (no scheme, no port)", OutputForms.IsHost);

    public static readonly KnownOutput DbEndpoint = new(
        "db_endpoint", true, "host or host:port with port 1..65535 (default 5432)", v => OutputForms.TryHostPort(v, 5432) is not null);

    public static readonly KnownOutput RedisEndpoint = new(
        "redis_endpoint", true, "host or host:port with port 1..65535 (default 6379)", v => OutputForms.TryHostPort(v, 6379) is not null);

    public static readonly KnownOutput KmsKeyArn = new(
        "kms_key_arn", true, "an ARN like arn:aws:kms:<region>:<account>:key/<id>", OutputForms.IsKmsKeyArn);

    public static readonly KnownOutput DbSecretArn = new(
        "db_secret_arn", true, "an ARN like arn:aws:secretsmanager:<region>:<account>:secret:<name>", OutputForms.IsSecretArn);

    public static readonly KnownOutput EcsClusterName = new(
        "ecs_cluster_name", false, "a cluster name of letters, digits, - and _ (up to 255)", OutputForms.IsEcsClusterName);

    public static readonly KnownOutput EcsClusterArn = new(
        "ecs_cluster_arn", false, "an ARN like arn:aws:ecs:<region>:<account>:cluster/<name>", OutputForms.IsEcsClusterArn);

    public static readonly KnownOutput LogGroupName = new(
        "log_group_name", false, "a log group name like /ecs/healthcare-dev", OutputForms.IsLogGroupName);

    public static readonly KnownOutput StateBucket = new(
        "state_bucket", false, "an S3 bucket name like healthcare-tfstate-dev (3 to 63 lowercase letters, digits, - and .)", OutputForms.IsBucketName);

    public static readonly KnownOutput Region = new(
        "region", false, "a region like us-east-1", OutputForms.IsRegion);

    public static readonly KnownOutput EnvironmentSuffix = new(
        "environment_suffix", false, "a suffix like dev (letters, digits, - and _)", OutputForms.IsEnvironmentSuffix);

    /// <summary>Every output, required ones first, in the order messages list them.</summary>
    public static readonly IReadOnlyList<KnownOutput> All =
    [
        VpcId, AlbDnsName, DbEndpoint, RedisEndpoint, KmsKeyArn, DbSecretArn,
        EcsClusterName, EcsClusterArn, LogGroupName, StateBucket, Region, EnvironmentSuffix,
    ];

    /// <summary>The ARN outputs that must agree on region and account.</summary>
    public static readonly IReadOnlyList<KnownOutput> Arns = [KmsKeyArn, DbSecretArn, EcsClusterArn];
}
