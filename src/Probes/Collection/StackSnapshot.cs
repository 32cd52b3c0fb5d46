using Verification.Probes.Aws;
using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>Why a resource is checked.</summary>
public sealed record ScopedResource(string Kind, string Id, string Reason);

/// <summary>The result of iam:SimulatePrincipalPolicy for one role.</summary>
public sealed record RoleSimulation(string RoleArn, List<EvaluationResult> Results);

/// <summary>One immutable picture of the live stack: every AWS answer (or why there is none), and every call that produced it.</summary>
public sealed record StackSnapshot
{
    public string SchemaVersion { get; init; } = "1";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public string Region { get; init; } = "";
    public StackOutputs Outputs { get; init; } = new();

    public Fetched<CallerIdentity> Caller { get; init; } = new();

    public Fetched<Vpc> Vpc { get; init; } = new();
    public Fetched<List<Subnet>> Subnets { get; init; } = new();
    public Fetched<List<RouteTable>> RouteTables { get; init; } = new();
    public Fetched<List<NatGateway>> NatGateways { get; init; } = new();
    public Fetched<List<InternetGateway>> InternetGateways { get; init; } = new();
    public Fetched<List<SecurityGroup>> SecurityGroups { get; init; } = new();

    /// <summary>The managed prefix lists the security groups' ingress rules name, with their entries; a list AWS did not return is absent from it.</summary>
    public Fetched<List<ManagedPrefixList>> PrefixLists { get; init; } = new();
    public Fetched<List<NetworkInterface>> NetworkInterfaces { get; init; } = new();
    public Fetched<List<FlowLog>> FlowLogs { get; init; } = new();
    public Fetched<List<VpcEndpoint>> VpcEndpoints { get; init; } = new();

    public Fetched<List<DBInstance>> DBInstances { get; init; } = new();
    public Fetched<List<DBCluster>> DBClusters { get; init; } = new();
    public Fetched<List<DBSubnetGroup>> DBSubnetGroups { get; init; } = new();
    public Dictionary<string, Fetched<List<Parameter>>> DBParameters { get; init; } = [];
    public Dictionary<string, Fetched<List<Parameter>>> DBClusterParameters { get; init; } = [];
    public Fetched<List<DBEngineVersion>> DBEngineVersions { get; init; } = new();
    public Fetched<List<DBSnapshot>> DBSnapshots { get; init; } = new();
    public Fetched<List<DBClusterSnapshot>> DBClusterSnapshots { get; init; } = new();

    /// <summary>DescribeDB(Cluster)SnapshotAttributes of each manual snapshot, by snapshot ARN.</summary>
    public Dictionary<string, Fetched<List<DBSnapshotAttribute>>> DBSnapshotAttributes { get; init; } = [];

    public Fetched<List<ReplicationGroup>> ReplicationGroups { get; init; } = new();
    public Fetched<List<CacheCluster>> CacheClusters { get; init; } = new();
    public Fetched<List<CacheSubnetGroup>> CacheSubnetGroups { get; init; } = new();
    public Fetched<List<ServerlessCache>> ServerlessCaches { get; init; } = new();

    /// <summary>The RBAC user groups the stack's caches name (empty, without asking, when they name none).</summary>
    public Fetched<List<UserGroup>> CacheUserGroups { get; init; } = new();

    /// <summary>The users of <see cref="CacheUserGroups"/>.</summary>
    public Fetched<List<User>> CacheUsers { get; init; } = new();

    public Fetched<List<Cluster>> EcsClusters { get; init; } = new();
    public Fetched<List<Service>> EcsServices { get; init; } = new();
    public Fetched<List<TaskDefinition>> TaskDefinitions { get; init; } = new();

    /// <summary>The account's ECR repositories (in the run's region) that the task definitions' images come from.</summary>
    public Fetched<List<Repository>> EcrRepositories { get; init; } = new();
    public Fetched<List<EcsTask>> StoppedTasks { get; init; } = new();
    public Dictionary<string, Fetched<Namespace>> Namespaces { get; init; } = [];

    public Fetched<List<LogGroup>> LogGroups { get; init; } = new();

    /// <summary>Log group names the stack references (output log_group_name, awslogs-group of task definitions) that DescribeLogGroups did not return.</summary>
    public List<string> MissingLogGroups { get; init; } = [];

    public Fetched<SecretDescription> Secret { get; init; } = new();

    /// <summary>The database secret's resource policy as JSON text; null value when it has none.</summary>
    public Fetched<string?> SecretPolicy { get; init; } = new();

    public Fetched<KeyMetadata> Key { get; init; } = new();
    public Fetched<string> KeyPolicy { get; init; } = new();
    public Fetched<bool?> KeyRotationEnabled { get; init; } = new();
    public Fetched<List<AliasListEntry>> Aliases { get; init; } = new();

    public Fetched<List<LoadBalancer>> LoadBalancers { get; init; } = new();
    public Fetched<List<Listener>> Listeners { get; init; } = new();

    /// <summary>The rules of each plaintext HTTP listener, by listener ARN (HTTPS listeners' rules are not collected).</summary>
    public Dictionary<string, Fetched<List<Rule>>> ListenerRules { get; init; } = [];

    /// <summary>DescribeLoadBalancerAttributes by load balancer ARN.</summary>
    public Dictionary<string, Fetched<List<LoadBalancerAttribute>>> LoadBalancerAttributes { get; init; } = [];

    /// <summary>GetWebACLForResource by load balancer ARN; a null value means no web ACL is associated.</summary>
    public Dictionary<string, Fetched<WebACL>> WebACLs { get; init; } = [];

    /// <summary>GetLoggingConfiguration by web ACL ARN; a null value means the web ACL does not log.</summary>
    public Dictionary<string, Fetched<LoggingConfiguration>> WebACLLogging { get; init; } = [];

    /// <summary>CloudTrail and AWS Config in the stack's account and region.</summary>
    public AccountAudit Account { get; init; } = new();

    public Dictionary<string, Fetched<RoleSimulation>> RoleSimulations { get; init; } = [];

    /// <summary>The task and execution roles the stack's task definitions name, by ARN, with every policy document they hold.</summary>
    public Dictionary<string, Fetched<RolePolicies>> TaskRoles { get; init; } = [];

    /// <summary>Account-wide in the region: AWS Backup's protected resources, plans with their selections, and the vaults their rules target (by name).</summary>
    public Fetched<List<ProtectedResource>> ProtectedResources { get; init; } = new();
    public Fetched<List<BackupPlanSelections>> BackupPlans { get; init; } = new();
    public Dictionary<string, Fetched<BackupVault>> BackupVaults { get; init; } = [];

    /// <summary>The region's GuardDuty detectors (empty: GuardDuty is off) and their unarchived findings of severity 7 or more.</summary>
    public Fetched<List<GuardDutyDetector>> GuardDutyDetectors { get; init; } = new();
    public Fetched<List<GuardDutyFinding>> GuardDutyFindings { get; init; } = new();

    /// <summary>Security Hub's DescribeHub; a null Hub means the account is not subscribed in the region.</summary>
    public Fetched<SecurityHubStatus> SecurityHub { get; init; } = new();

    /// <summary>The IaC state bucket, when the outputs or settings name one; null otherwise.</summary>
    public StateBucket? StateBucket { get; init; }

    /// <summary>Every checked resource and why it is in scope.</summary>
    public List<ScopedResource> Scope { get; init; } = [];

    /// <summary>What could not be established about the stack's scope; empty when the scope is complete.</summary>
    public List<ScopeGap> ScopeGaps { get; init; } = [];

    /// <summary>Network interfaces in the stack VPC that belong to no checked resource (incomplete when <see cref="ScopeGaps"/> names DescribeNetworkInterfaces).</summary>
    public List<NetworkInterface> NotVerified { get; init; } = [];

    public List<AwsCall> Calls { get; init; } = [];
}
