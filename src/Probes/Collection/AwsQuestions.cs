using Verification.Probes.Aws;
using Verification.Probes.Aws.Backup;
using Verification.Probes.Aws.CloudTrail;
using Verification.Probes.Aws.Config;
using Verification.Probes.Aws.Ec2;
using Verification.Probes.Aws.Ecr;
using Verification.Probes.Aws.Ecs;
using Verification.Probes.Aws.ElastiCache;
using Verification.Probes.Aws.Elbv2;
using Verification.Probes.Aws.GuardDuty;
using Verification.Probes.Aws.Iam;
using Verification.Probes.Aws.Kms;
using Verification.Probes.Aws.Logs;
using Verification.Probes.Aws.Rds;
using Verification.Probes.Aws.S3;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.SecurityHub;
using Verification.Probes.Aws.ServiceDiscovery;
using Verification.Probes.Aws.Sts;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Aws.Wafv2;

namespace Verification.Probes.Collection;

/// <summary>The clients every area collector asks through, and the shared cache that asks each question once per run.</summary>
internal sealed class AwsQuestions : IDisposable
{
    private readonly Questions _questions;

    public AwsQuestions(AwsSession session)
    {
        Session = session;
        _questions = new Questions { Region = session.Region };
        var transport = new AwsTransport(session);
        Rds = new RdsClient(transport);
        ElastiCache = new ElastiCacheClient(transport);
        Elbv2 = new Elbv2Client(transport);
        Ecs = new EcsClient(transport);
        Ecr = new EcrClient(transport);
        CloudMap = new ServiceDiscoveryClient(transport);
        Secrets = new SecretsManagerClient(transport);
        Logs = new LogsClient(transport);
        Iam = new IamClient(transport);
        Backup = new BackupClient(transport);
        GuardDuty = new GuardDutyClient(transport);
        SecurityHub = new SecurityHubClient(transport);
        Ec2 = new Ec2Client(session);
        CloudTrail = new CloudTrailClient(transport);
        Config = new ConfigClient(transport);
        Waf = new Wafv2Client(transport);
        Kms = new KmsClient(session);
        S3 = new S3Client(session);
        Sts = new StsClient(session);
    }

    public AwsSession Session { get; }

    public string Region => Session.Region;

    public RdsClient Rds { get; }

    public ElastiCacheClient ElastiCache { get; }

    public Elbv2Client Elbv2 { get; }

    public EcsClient Ecs { get; }

    public EcrClient Ecr { get; }

    public ServiceDiscoveryClient CloudMap { get; }

    public SecretsManagerClient Secrets { get; }

    public LogsClient Logs { get; }

    public IamClient Iam { get; }

    public CloudTrailClient CloudTrail { get; }

    public ConfigClient Config { get; }

    public Wafv2Client Waf { get; }

    public BackupClient Backup { get; }

    public GuardDutyClient GuardDuty { get; }

    public SecurityHubClient SecurityHub { get; }

    public Ec2Client Ec2 { get; }

    public KmsClient Kms { get; }

    public S3Client S3 { get; }

    public StsClient Sts { get; }

    /// <summary>How many distinct questions were asked.</summary>
    public int Count => _questions.Count;

    /// <summary>The answer to the question <paramref name="key"/> ("service:Operation[:qualifier]"), asking AWS only the first time.</summary>
    public Task<Fetched<T>> Ask<T>(string key, Func<Task<T>> call) => _questions.AskAsync(key, call);

    public void Dispose()
    {
        Ec2.Dispose();
        Kms.Dispose();
        S3.Dispose();
        Sts.Dispose();
    }
}

/// <summary>Joins several answers of one kind: the first failure fails the whole, so no partial list reads as complete.</summary>
internal static class Answers
{
    public static Fetched<List<T>> Join<T>(IEnumerable<Fetched<List<T>>> parts)
    {
        var all = parts.ToList();
        return all.FirstOrDefault(p => p.Error is not null)?.Error is { } error
            ? Fetched<List<T>>.Failed(error)
            : Fetched<List<T>>.Of([.. all.SelectMany(p => p.Value!)]);
    }

    /// <summary>The list, failed with the scope gap's error when the scope it depends on is unknown.</summary>
    public static Fetched<List<T>> Unless<T>(Fetched<List<T>> list, ScopeGap? gap) => gap is null ? list : Fetched<List<T>>.Failed(gap.Error);
}
