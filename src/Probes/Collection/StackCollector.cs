using Verification.Probes.Aws;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>
/// Walks from a stack's outputs to its live resources and returns one snapshot. Each area has its own collector and
/// <see cref="StackScope"/> decides what belongs to the stack; independent questions run in parallel, and account-wide
/// lists (all DB instances, all log groups, ...) are asked once and shared by every stack collected with this collector.
/// </summary>
public sealed class StackCollector : IDisposable
{
    private readonly AwsSession _session;
    private readonly AwsQuestions _aws;

    public StackCollector(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _aws = new AwsQuestions(session);
    }

    public void Dispose() => _aws.Dispose();

    /// <summary>Collects one stack.</summary>
    public async Task<StackSnapshot> CollectAsync(StackOutputs outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var started = _session.Time.GetUtcNow();
        var ct = cancellationToken;

        // Everything that needs only the outputs starts at once; the area collectors await what they depend on.
        var caller = _aws.Ask("sts:GetCallerIdentity", () => _aws.Sts.GetCallerIdentityAsync(ct));
        var network = NetworkCollector.Start(_aws, outputs.VpcId, ct);
        var keys = KeyCollector.Start(_aws, outputs, ct);
        var databaseTask = DatabaseCollector.CollectAsync(_aws, outputs, ct);
        var cacheTask = CacheCollector.CollectAsync(_aws, outputs, network, ct);
        var loadBalancerTask = LoadBalancerCollector.CollectAsync(_aws, outputs, ct);
        var containerTask = ContainerCollector.CollectAsync(_aws, outputs, network, ct);
        var bucketTask = StateBucketCollector.CollectAsync(_aws, outputs.StateBucket, ct);
        var accountTask = AccountCollector.CollectAsync(_aws, ct);
        var auditTask = AuditCollector.CollectAsync(_aws, ct);
        var containers = await containerTask.ConfigureAwait(false);
        var rolesTask = RoleCollector.CollectAsync(_aws, containers.TaskDefinitions, ct);
        var repositoriesTask = RegistryCollector.CollectAsync(_aws, caller, containers.TaskDefinitions, ct);
        var logs = await LogCollector.CollectAsync(_aws, outputs, containers.TaskDefinitions, ct).ConfigureAwait(false);
        var database = await databaseTask.ConfigureAwait(false);
        var cache = await cacheTask.ConfigureAwait(false);
        var loadBalancers = await loadBalancerTask.ConfigureAwait(false);
        var bucket = await bucketTask.ConfigureAwait(false);
        var interfaces = await network.NetworkInterfaces.ConfigureAwait(false);
        var callerIdentity = await caller.ConfigureAwait(false);
        var account = await accountTask.ConfigureAwait(false);

        var scope = new List<ScopedResource>();
        scope.AddRange(database.Scope);
        scope.AddRange(cache.Scope);
        scope.AddRange(loadBalancers.Scope);
        scope.AddRange(containers.Scope);
        scope.AddRange(logs.Scope);
        var repositories = await repositoriesTask.ConfigureAwait(false);
        scope.AddRange((repositories.Value ?? []).Select(r => new ScopedResource("ECR repository", r.RepositoryArn, "a stack task definition's image comes from it")));
        scope.Add(new ScopedResource("VPC", outputs.VpcId, "named by output vpc_id"));
        scope.Add(new ScopedResource("KMS key", outputs.KmsKeyArn, "named by output kms_key_arn"));
        scope.Add(new ScopedResource("Secrets Manager secret", outputs.DbSecretArn, "named by output db_secret_arn"));
        if (bucket is not null)
        {
            scope.Add(new ScopedResource("S3 bucket", bucket.Arn, "named as the IaC state bucket (output state_bucket or setting StateBucket)"));
        }

        var gaps = new List<ScopeGap?>
        {
            callerIdentity.Error is { } callerError ? new ScopeGap("the account the credentials belong to", callerError) : null,
            interfaces.Error is { } eniError ? new ScopeGap("which network interfaces in the stack VPC belong to no checked resource", eniError) : null,
            database.Gap,
            cache.Gap,
            containers.Gap,
        };

        var snapshot = new StackSnapshot
        {
            StartedAt = started,
            Region = _session.Region,
            Outputs = outputs,
            Caller = callerIdentity,
            Vpc = await network.Vpc.ConfigureAwait(false),
            Subnets = await network.Subnets.ConfigureAwait(false),
            RouteTables = await network.RouteTables.ConfigureAwait(false),
            NatGateways = await network.NatGateways.ConfigureAwait(false),
            InternetGateways = await network.InternetGateways.ConfigureAwait(false),
            SecurityGroups = await network.SecurityGroups.ConfigureAwait(false),
            PrefixLists = await network.PrefixLists.ConfigureAwait(false),
            NetworkInterfaces = interfaces,
            FlowLogs = await network.FlowLogs.ConfigureAwait(false),
            VpcEndpoints = await network.VpcEndpoints.ConfigureAwait(false),
            DBInstances = database.Instances,
            DBClusters = database.Clusters,
            DBSubnetGroups = database.SubnetGroups,
            DBParameters = database.Parameters,
            DBClusterParameters = database.ClusterParameters,
            DBEngineVersions = database.EngineVersions,
            DBSnapshots = database.Snapshots.Snapshots,
            DBClusterSnapshots = database.Snapshots.ClusterSnapshots,
            DBSnapshotAttributes = database.Snapshots.Attributes,
            ReplicationGroups = cache.Groups,
            CacheClusters = cache.Clusters,
            CacheSubnetGroups = cache.SubnetGroups,
            ServerlessCaches = cache.Serverless,
            CacheUserGroups = cache.UserGroups,
            CacheUsers = cache.Users,
            EcsClusters = containers.Clusters,
            EcsServices = containers.Services,
            TaskDefinitions = containers.TaskDefinitions,
            EcrRepositories = repositories,
            StoppedTasks = containers.StoppedTasks,
            Namespaces = containers.Namespaces,
            LogGroups = logs.LogGroups,
            MissingLogGroups = logs.Missing,
            RoleSimulations = containers.RoleSimulations,
            TaskRoles = await rolesTask.ConfigureAwait(false),
            StateBucket = bucket,
            ProtectedResources = account.ProtectedResources,
            BackupPlans = account.BackupPlans,
            BackupVaults = account.BackupVaults,
            GuardDutyDetectors = account.GuardDutyDetectors,
            GuardDutyFindings = account.GuardDutyFindings,
            SecurityHub = account.SecurityHub,
            Secret = await keys.Secret.ConfigureAwait(false),
            SecretPolicy = await keys.SecretPolicy.ConfigureAwait(false),
            Key = await keys.Key.ConfigureAwait(false),
            KeyPolicy = await keys.Policy.ConfigureAwait(false),
            KeyRotationEnabled = await keys.Rotation.ConfigureAwait(false),
            Aliases = await keys.Aliases.ConfigureAwait(false),
            LoadBalancers = loadBalancers.LoadBalancers,
            Listeners = loadBalancers.Listeners,
            ListenerRules = loadBalancers.Rules,
            LoadBalancerAttributes = loadBalancers.Attributes,
            WebACLs = loadBalancers.WebACLs,
            WebACLLogging = loadBalancers.WebACLLogging,
            Account = await auditTask.ConfigureAwait(false),
            Scope = scope,
            ScopeGaps = [.. gaps.OfType<ScopeGap>()],
        };
        return snapshot with
        {
            NotVerified = Unverified.Among(snapshot, interfaces.Value ?? []),
            FinishedAt = _session.Time.GetUtcNow(),
            Calls = [.. _session.Calls.Calls],
        };
    }
}
