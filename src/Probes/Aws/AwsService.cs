namespace Verification.Probes.Aws;

/// <summary>The wire protocol an AWS service speaks.</summary>
public enum AwsProtocol
{
    /// <summary>Form-encoded request, XML response with an OpResult wrapper (RDS, ElastiCache, ELBv2, IAM, STS).</summary>
    Query,

    /// <summary>Query variant without the Result wrapper, lowerCamel names and item lists.</summary>
    Ec2,

    /// <summary>JSON 1.1 with an X-Amz-Target header (ECS, Cloud Map, Secrets Manager, Logs, KMS).</summary>
    Json11,

    /// <summary>REST with XML bodies: the operation is the method, path and query (S3).</summary>
    RestXml,

    /// <summary>REST with JSON bodies: method and path from the model's requestUri (Backup, GuardDuty, Security Hub).</summary>
    RestJson,
}

/// <summary>What a client needs to know to address, sign and parse one AWS service.</summary>
/// <param name="ServiceId">The SDK service id, used for AWS_ENDPOINT_URL_&lt;SERVICE&gt; (spaces become underscores).</param>
/// <param name="EndpointPrefix">The host prefix of the regional endpoint.</param>
/// <param name="SigningName">The SigV4 service name (ELBv2 signs as elasticloadbalancing).</param>
/// <param name="ApiVersion">The Query API version, or the JSON target prefix's version.</param>
/// <param name="TargetPrefix">The X-Amz-Target prefix for JSON 1.1 services.</param>
/// <param name="IsGlobal">True for services with one global endpoint signed in us-east-1 (IAM).</param>
public sealed record AwsService(
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    AwsProtocol Protocol,
    string ApiVersion,
    string? TargetPrefix = null,
    bool IsGlobal = false)
{
    public static readonly AwsService Rds = new("RDS", "rds", "rds", AwsProtocol.Query, "2014-10-31");
    public static readonly AwsService ElastiCache = new("ElastiCache", "elasticache", "elasticache", AwsProtocol.Query, "2015-02-02");
    public static readonly AwsService Elbv2 = new("Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing", AwsProtocol.Query, "2015-12-01");
    public static readonly AwsService Iam = new("IAM", "iam", "iam", AwsProtocol.Query, "2010-05-08", IsGlobal: true);
    public static readonly AwsService Sts = new("STS", "sts", "sts", AwsProtocol.Query, "2011-06-15");
    public static readonly AwsService Ec2 = new("EC2", "ec2", "ec2", AwsProtocol.Ec2, "2016-11-15");
    public static readonly AwsService Ecs = new("ECS", "ecs", "ecs", AwsProtocol.Json11, "2014-11-13", "AmazonEC2ContainerServiceV20141113");
    public static readonly AwsService ServiceDiscovery = new("ServiceDiscovery", "servicediscovery", "servicediscovery", AwsProtocol.Json11, "2017-03-14", "Route53AutoNaming_v20170314");
    public static readonly AwsService SecretsManager = new("Secrets Manager", "secretsmanager", "secretsmanager", AwsProtocol.Json11, "2017-10-17", "secretsmanager");
    public static readonly AwsService Logs = new("CloudWatch Logs", "logs", "logs", AwsProtocol.Json11, "2014-03-28", "Logs_20140328");
    public static readonly AwsService Kms = new("KMS", "kms", "kms", AwsProtocol.Json11, "2014-11-01", "TrentService");
    public static readonly AwsService S3 = new("S3", "s3", "s3", AwsProtocol.RestXml, "2006-03-01");
    public static readonly AwsService Backup = new("Backup", "backup", "backup", AwsProtocol.RestJson, "2018-11-15");
    public static readonly AwsService GuardDuty = new("GuardDuty", "guardduty", "guardduty", AwsProtocol.RestJson, "2017-11-28");
    public static readonly AwsService SecurityHub = new("SecurityHub", "securityhub", "securityhub", AwsProtocol.RestJson, "2018-10-26");
    public static readonly AwsService CloudTrail = new("CloudTrail", "cloudtrail", "cloudtrail", AwsProtocol.Json11, "2013-11-01", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");
    public static readonly AwsService Config = new("Config Service", "config", "config", AwsProtocol.Json11, "2014-11-12", "StarlingDoveService");
    public static readonly AwsService Wafv2 = new("WAFV2", "wafv2", "wafv2", AwsProtocol.Json11, "2019-07-29", "AWSWAF_20190729");

    /// <summary>ECR's API answers at api.ecr.&lt;region&gt; but signs and names its IAM actions as ecr.</summary>
    public static readonly AwsService Ecr = new("ECR", "api.ecr", "ecr", AwsProtocol.Json11, "2015-09-21", "AmazonEC2ContainerRegistry_V20150921");

    /// <summary>Every service the suite reads, for endpoint and policy bookkeeping.</summary>
    public static IReadOnlyList<AwsService> All { get; } =
        [Rds, ElastiCache, Elbv2, Iam, Sts, Ec2, Ecs, ServiceDiscovery, SecretsManager, Logs, Kms, S3, Backup, GuardDuty, SecurityHub, CloudTrail, Config, Wafv2, Ecr];

    /// <summary>The IAM action prefix ("elasticloadbalancing", "logs").</summary>
    public string ActionPrefix => SigningName;

    /// <summary>The IAM action prefix of the service at <paramref name="endpointPrefix"/> (api.ecr's actions are ecr:…).</summary>
    public static string ActionPrefixOf(string endpointPrefix) =>
        All.FirstOrDefault(s => s.EndpointPrefix == endpointPrefix)?.ActionPrefix ?? endpointPrefix;

    /// <summary>The environment variable that overrides this service's endpoint, as the SDKs and the CLI read it.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + ServiceId.ToUpperInvariant().Replace(' ', '_');

    public override string ToString() => EndpointPrefix;
}
