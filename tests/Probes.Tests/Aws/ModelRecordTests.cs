using System.Reflection;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Verification.Probes.Tests.Aws;

/// <summary>
/// Wire truth on the client side: every property of the records the thin clients fill is a member of the AWS shape it
/// mirrors in the official model, so no client reads a name real AWS never sends (it would read as "absent" forever).
/// </summary>
public sealed class ModelRecordTests
{
    // Record → (model folder, shape) where the record's name differs from the shape's or the file does not say the service.
    private static readonly Dictionary<string, (string Service, string Shape)> Shapes = new(StringComparer.Ordinal)
    {
        ["RdsSubnet"] = ("rds", "Subnet"),
        ["Endpoint"] = ("rds", "Endpoint"),
        ["Tag"] = ("rds", "Tag"),
        ["EcsContainer"] = ("ecs", "Container"),
        ["EcsTask"] = ("ecs", "Task"),
        ["CacheEndpoint"] = ("elasticache", "Endpoint"),
        ["SecurityGroupMembership"] = ("elasticache", "SecurityGroupMembership"),
        ["AvailabilityZone"] = ("elbv2", "AvailabilityZone"),
        ["CacheSubnet"] = ("elasticache", "Subnet"),
        ["PrefixListSource"] = ("ec2", "PrefixListId"),
        ["KeyValuePairEntry"] = ("ecs", "KeyValuePair"),
        ["SecretReference"] = ("ecs", "Secret"),
        ["ListenerAction"] = ("elbv2", "Action"),
        ["ListenerCertificate"] = ("elbv2", "Certificate"),
        ["CallerIdentity"] = ("sts", "GetCallerIdentityResponse"),
        ["Namespace"] = ("servicediscovery", "Namespace"),
        ["ReplicationStatus"] = ("secretsmanager", "ReplicationStatusType"),
        ["SecretDescription"] = ("secretsmanager", "DescribeSecretResponse"),
        ["RotationRulesType"] = ("secretsmanager", "RotationRulesType"),
        ["LogGroup"] = ("logs", "LogGroup"),
        ["KeyMetadata"] = ("kms", "KeyMetadata"),
        ["AliasListEntry"] = ("kms", "AliasListEntry"),
        ["EvaluationResult"] = ("iam", "EvaluationResult"),
        ["Role"] = ("iam", "Role"),
        ["ManagedPolicy"] = ("iam", "Policy"),
        ["BackupVault"] = ("backup", "DescribeBackupVaultOutput"),
        ["BackupCondition"] = ("backup", "Condition"),
        ["BackupConditions"] = ("backup", "Conditions"),
        ["Detector"] = ("guardduty", "GetDetectorResponse"),
        ["GuardDutyFinding"] = ("guardduty", "Finding"),
        ["Hub"] = ("securityhub", "DescribeHubResponse"),
        ["TrailStatus"] = ("cloudtrail", "GetTrailStatusResponse"),
        ["TrailEventSelectors"] = ("cloudtrail", "GetEventSelectorsResponse"),
        ["LoadBalancerAttribute"] = ("elbv2", "LoadBalancerAttribute"),
    };

    // Properties a client lifts out of a nested member, with the model path it reads them from.
    private static readonly Dictionary<string, string> Flattened = new(StringComparer.Ordinal)
    {
        ["Namespace.HostedZoneId"] = "Properties/DnsProperties/HostedZoneId",
        ["Namespace.HttpName"] = "Properties/HttpProperties/HttpName",
        ["NetworkInterface.PublicIp"] = "Association/PublicIp",
        ["RdsSubnet.AvailabilityZone"] = "SubnetAvailabilityZone/Name",
        ["GuardDutyFinding.ResourceType"] = "Resource/ResourceType",
        ["GuardDutyFinding.DbInstanceIdentifier"] = "Resource/RdsDbInstanceDetails/DbInstanceIdentifier",
        ["GuardDutyFinding.DbClusterIdentifier"] = "Resource/RdsDbInstanceDetails/DbClusterIdentifier",
        ["GuardDutyFinding.EcsClusterArn"] = "Resource/EcsClusterDetails/Arn",
        ["GuardDutyFinding.Archived"] = "Service/Archived",

        // A record cannot have a property named Equals.
        ["AdvancedFieldSelector.EqualTo"] = "Equals",
    };

    // Properties the collector derives and no client ever reads from the wire, with why.
    private static readonly Dictionary<string, string> Derived = new(StringComparer.Ordinal)
    {
        ["KeyValuePairEntry.Credential"] = "set by TaskDefinitionMask from the raw value, which is never kept",
        ["ManagedPrefixList.Entries"] = "joined from GetManagedPrefixListEntries (its Entries member, checked in PrefixListEntry)",
    };

    private static readonly Dictionary<string, string> FileServices = new(StringComparer.Ordinal)
    {
        ["Ec2"] = "ec2", ["Ecr"] = "ecr", ["Ecs"] = "ecs", ["CloudTrail"] = "cloudtrail", ["Config"] = "config", ["Wafv2"] = "wafv2", ["ElastiCache"] = "elasticache", ["Elbv2"] = "elbv2", ["Rds"] = "rds", ["Iam"] = "iam",
        ["Backup"] = "backup", ["GuardDuty"] = "guardduty",
    };

    public static IEnumerable<TestCaseData> Records() =>
        typeof(Verification.Probes.Aws.Model.DBInstance).Assembly.GetTypes()
            .Where(t => t.Namespace == "Verification.Probes.Aws.Model" && t.IsPublic && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new TestCaseData(t).SetName($"{t.Name}_mirrors_its_AWS_shape"));

    [TestCaseSource(nameof(Records))]
    public void Record_members_exist_in_the_AWS_model(Type record)
    {
        var (service, shape) = ShapeOf(record);
        var members = Members(service, shape);

        var unknown = record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !members.Contains(p.Name) && !Derived.ContainsKey($"{record.Name}.{p.Name}") && !(Flattened.TryGetValue($"{record.Name}.{p.Name}", out var path) && PathExists(service, shape, path)))
            .Select(p => p.Name)
            .ToList();

        Assert.That(unknown, Is.Empty, $"{record.Name} mirrors {service}:{shape}, which has: {string.Join(", ", members.Order(StringComparer.Ordinal))}");
    }

    private static (string Service, string Shape) ShapeOf(Type record)
    {
        if (Shapes.TryGetValue(record.Name, out var mapped))
        {
            return mapped;
        }

        var file = FileOf(record);
        return (FileServices.TryGetValue(file, out var service) ? service : throw new AssertionException($"{record.Name}: say which AWS shape it mirrors in ModelRecordTests.Shapes."), record.Name);
    }

    // The model file a record lives in: its namespace is shared, so ask the source path recorded in the PDB-less way — by a marker type per file.
    private static string FileOf(Type record) =>
        Sources.Value.FirstOrDefault(s => s.Records.Contains(record.Name)).File ?? "";

    private static readonly Lazy<List<(string File, HashSet<string> Records)>> Sources = new(() =>
        [.. Directory.EnumerateFiles(Path.Combine(Robustness.RepositoryRoot.Path, "src", "Probes", "Aws", "Model"), "*.cs").Select(path => (
            Path.GetFileNameWithoutExtension(path),
            System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), @"public sealed record (\w+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal)))]);

    private static bool PathExists(string service, string shape, string path)
    {
        var shapes = Model(service)["shapes"]!;
        foreach (var name in path.Split('/'))
        {
            var member = (shapes[shape]?["members"] as JsonObject)?.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (member is null)
            {
                return false;
            }

            shape = member["shape"]!.GetValue<string>();
        }

        return true;
    }

    private static JsonNode Model(string service)
    {
        var models = Path.Combine(Path.GetDirectoryName(Robustness.RepositoryRoot.Path)!, "shared", "aws-models");
        return JsonNode.Parse(File.ReadAllText(Path.Combine(models, service, "service-2.json")))!;
    }

    private static HashSet<string> Members(string service, string shape)
    {
        var members = Model(service)["shapes"]?[shape]?["members"] as JsonObject ?? throw new AssertionException($"{service} has no structure shape {shape}.");

        // JSON protocols name members in lowerCamel on the wire, Query in Pascal: compare as the clients do, by the model's name or wire name.
        return members.SelectMany(m => new[] { m.Key, m.Value?["locationName"]?.GetValue<string>() }).OfType<string>()
            .Select(n => char.ToUpperInvariant(n[0]) + n[1..]).ToHashSet(StringComparer.Ordinal);
    }
}
