using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Collection;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Robustness;

/// <summary>A run only reads, the shipped IAM policies grant exactly what it reads, and no planted secret reaches any output.</summary>
public sealed class ReadOnlyTests
{
    private static readonly Lazy<Task<IReadOnlyList<SandboxRunResult>>> EveryScenario = new(async () =>
    {
        var results = new List<SandboxRunResult>();
        foreach (var name in Scenario.Shipped())
        {
            results.Add(await SandboxRun.ExecuteAsync(Scenario.Load(name)));
        }

        // Outputs that name no ECS cluster take the account-wide walk (ecs:ListClusters), which the policy must grant too.
        var compliant = Scenario.Load("compliant-rds");
        results.Add(await SandboxRun.ExecuteAsync(compliant, outputsPaths: [WithoutEcsCluster(compliant)]));

        return results;
    });

    /// <summary>The scenario's outputs without ecs_cluster_arn and ecs_cluster_name.</summary>
    internal static string WithoutEcsCluster(Scenario scenario)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-{scenario.Name}-no-cluster-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(scenario.Outputs.Where(o => !o.Key.StartsWith("ecs_cluster", StringComparison.Ordinal)).ToDictionary(o => o.Key, o => o.Value)));
        return path;
    }

    private static async Task<IReadOnlySet<string>> ActionsOfFullRunsAsync() =>
        (await EveryScenario.Value).SelectMany(r => r.ActionsCalled).ToHashSet(StringComparer.Ordinal);

    [Test]
    public async Task Every_action_a_full_run_makes_is_on_the_read_only_allowlist()
    {
        var actions = await ActionsOfFullRunsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(actions.Where(a => !ReadOnlyAllowlist.Allows(a)), Is.Empty);
            Assert.That(actions, Does.Not.Contain("secretsmanager:GetSecretValue"), "the configuration checks never read a secret's value");
        }
    }

    [TestCase("rds:DeleteDBInstance")]
    [TestCase("ec2:CreateTags")]
    [TestCase("secretsmanager:PutSecretValue")]
    [TestCase("kms:ScheduleKeyDeletion")]
    [TestCase("iam:PassRole")]
    [TestCase("logs:PutRetentionPolicy")]
    public void A_write_action_is_not_on_the_allowlist(string action)
    {
        var allowed = ReadOnlyAllowlist.Allows(action);

        Assert.That(allowed, Is.False);
    }

    [Test]
    public async Task The_read_only_policy_grants_every_action_a_full_run_makes_and_nothing_else()
    {
        var made = await ActionsOfFullRunsAsync();
        var implicitActions = IamPolicies.Implicit("verification-readonly.json");

        var granted = IamPolicies.Actions("verification-readonly.json");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(granted, Is.EquivalentTo(made.Union(implicitActions.Keys)));
            Assert.That(granted, Does.Not.Contain("secretsmanager:GetSecretValue"));
        }
    }

    [Test]
    public async Task The_connectivity_policy_adds_only_the_stack_secrets_value_and_the_decrypt_it_implies()
    {
        var scenario = Scenario.Load("compliant-rds");
        await using var sandbox = await SandboxServer.StartAsync(scenario);
        using var session = new AwsSession("us-east-1", SandboxRun.SandboxKey, new AwsEndpoints(sandbox.Endpoint), SandboxRun.Fast, TimeProvider.System);
        await new SecretsManagerClient(new AwsTransport(session)).GetSecretValueAsync(scenario.Outputs["db_secret_arn"], CancellationToken.None);
        var readOnly = IamPolicies.Actions("verification-readonly.json");

        var added = IamPolicies.Actions("verification-connectivity.json").Except(readOnly);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(added, Is.EquivalentTo(sandbox.ActionsCalled.Union(IamPolicies.Implicit("verification-connectivity.json").Keys)));
            Assert.That(IamPolicies.Actions("verification-connectivity.json"), Is.SupersetOf(readOnly));
            Assert.That(IamPolicies.ResourcesOf("verification-connectivity.json", "secretsmanager:GetSecretValue"), Has.None.EqualTo("*"));
            Assert.That(IamPolicies.ResourcesOf("verification-connectivity.json", "kms:Decrypt"), Has.None.EqualTo("*"));
        }
    }

    [TestCase("verification-readonly.json")]
    [TestCase("verification-connectivity.json")]
    public void Policy_simulation_is_granted_on_the_execution_role_only(string file)
    {
        Assert.That(IamPolicies.ResourcesOf(file, "iam:SimulatePrincipalPolicy"), Is.EqualTo(new[] { "arn:aws:iam::123456789012:role/healthcare-ecs-execution-*" }));
    }

    [Test]
    public void Secret_values_are_granted_on_the_database_and_Redis_AUTH_secrets_with_their_six_character_suffix()
    {
        var resources = IamPolicies.ResourcesOf("verification-connectivity.json", "secretsmanager:GetSecretValue");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resources, Has.All.EndsWith("-??????"));
            Assert.That(resources, Has.Some.Contains(":secret:healthcare/db/credentials-dev-").And.Some.Contains(":secret:healthcare/redis/auth-dev-"));
        }
    }

    [Test]
    public void The_evidence_signing_policy_grants_sign_and_get_public_key_on_the_signing_key_only()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(IamPolicies.Actions("verification-evidence-signing.json"), Is.EquivalentTo(new[] { "kms:Sign", "kms:GetPublicKey" }));
            Assert.That(IamPolicies.ResourcesOf("verification-evidence-signing.json", "kms:Sign"), Is.EqualTo(new[] { "arn:aws:kms:us-east-1:123456789012:key/7e1d5c3b-9a2f-4b6e-8c1d-3f5a7b9c0d2e" }));
        }
    }

    private static IEnumerable<TestCaseData> PermissionPolicies() =>
        IamPolicies.Permission.Select(p => new TestCaseData(p.Key, p.Value).SetArgDisplayNames(p.Key));

    [Test]
    public void Every_document_under_docs_iam_is_checked_as_a_permission_or_a_trust_policy()
    {
        var documents = IamPolicies.Documents();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(documents, Is.EquivalentTo(IamPolicies.Permission.Keys.Concat(IamPolicies.Trust)));
            Assert.That(IamPolicies.Permission.Keys.Where(IamPolicies.NamesAPrincipal), Is.Empty, "a permission policy attaches to a role and names no principal");
            Assert.That(IamPolicies.Trust.Where(f => !IamPolicies.NamesAPrincipal(f)), Is.Empty, "every statement of a trust policy names who may assume the role");
        }
    }

    // Trust policies are left out: sts:AssumeRole and sts:AssumeRoleWithWebIdentity there say who may become the role,
    // they grant the role nothing.
    [TestCaseSource(nameof(PermissionPolicies))]
    public void A_permission_policy_grants_reads_and_only_its_named_other_actions(string file, string[] named)
    {
        var granted = IamPolicies.Actions(file);

        Assert.That(granted.Where(a => !ReadOnlyAllowlist.Allows(a)), Is.EquivalentTo(named));
    }

    [Test]
    public void No_document_under_docs_iam_allows_by_exclusion()
    {
        var documents = IamPolicies.Documents();

        Assert.That(documents.Where(IamPolicies.AllowsByExclusion), Is.Empty, "an Allow with NotAction or NotResource grants everything it does not name");
    }

    [Test]
    public void The_central_role_may_assume_the_audit_role_in_each_account_and_nothing_else()
    {
        var granted = IamPolicies.Actions("verification-central-assume.json");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(granted, Is.EquivalentTo(new[] { "sts:AssumeRole" }));
            Assert.That(IamPolicies.ResourcesOf("verification-central-assume.json", "sts:AssumeRole"), Is.EqualTo(new[] { "arn:aws:iam::*:role/verification-audit" }));
        }
    }

    [Test]
    public void The_audit_role_trusts_the_central_role_only_with_the_external_id()
    {
        const string file = "verification-audit-trust-central.json";

        var granted = IamPolicies.Actions(file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(granted, Is.EquivalentTo(new[] { "sts:AssumeRole" }));
            Assert.That(IamPolicies.Principals(file), Is.EqualTo(new[] { "AWS arn:aws:iam::999999999999:role/verification-ci" }));
            Assert.That(IamPolicies.Conditions(file), Is.EqualTo(new[] { "StringEquals sts:ExternalId verification-nightly" }));
        }
    }

    [Test]
    public void The_audit_role_trusts_GitHub_OIDC_for_the_nightly_environment_of_this_repository_only()
    {
        const string file = "verification-audit-trust-oidc-github.json";

        var granted = IamPolicies.Actions(file);

        // StringEquals, never StringLike: a wildcard in sub would let any branch, fork PR environment or repository in.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(granted, Is.EquivalentTo(new[] { "sts:AssumeRoleWithWebIdentity" }));
            Assert.That(IamPolicies.Principals(file), Is.EqualTo(new[] { "Federated arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }));
            Assert.That(IamPolicies.Conditions(file), Is.EquivalentTo(new[]
            {
                "StringEquals token.actions.githubusercontent.com:aud sts.amazonaws.com",
                "StringEquals token.actions.githubusercontent.com:sub repo:your-org/verification:environment:nightly-audit",
            }));
        }
    }

    [Test]
    public void Every_implicit_action_says_why_it_is_granted()
    {
        var reasons = IamPolicies.Implicit("verification-readonly.json").Concat(IamPolicies.Implicit("verification-connectivity.json")).Select(p => p.Value);

        Assert.That(reasons, Is.All.Length.GreaterThan(20));
    }

    [Test]
    public async Task No_planted_secret_appears_in_any_file_or_line_a_run_writes()
    {
        var runs = await EveryScenario.Value;
        var secrets = Scenario.Shipped().SelectMany(n => Scenario.Load(n).PlantedSecrets).Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList();
        var reports = Directory.CreateTempSubdirectory("verification-reports-").FullName;
        foreach (var (run, index) in runs.Select((r, i) => (r, i)))
        {
            await SnapshotJson.SaveAsync(run.Single.Snapshot, Path.Combine(reports, $"snapshot-{index}.json"), CancellationToken.None);
            await File.WriteAllLinesAsync(Path.Combine(reports, $"results-{index}.txt"), run.Single.Results.Select(r => r.Explain()));
            await File.WriteAllTextAsync(Path.Combine(reports, $"findings-{index}.json"), JsonSerializer.Serialize(run.Single.Results.SelectMany(r => r.Findings)));
            await File.WriteAllLinesAsync(Path.Combine(reports, $"sandbox-{index}.log"), run.SandboxLog);
        }

        var written = Directory.GetFiles(reports).Select(File.ReadAllText).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secrets, Is.Not.Empty, "the scenarios plant secrets to look for");
            Assert.That(written, Has.Count.EqualTo(runs.Count * 4));
            Assert.That(written.SelectMany(text => secrets.Where(s => text.Contains(s, StringComparison.Ordinal))), Is.Empty);
        }
    }
}

/// <summary>The read-only allowlist: Describe*, Get*, List*, plus the two read calls that are named otherwise.</summary>
internal static class ReadOnlyAllowlist
{
    private static readonly string[] ReadPrefixes = ["Describe", "Get", "List"];

    public static bool Allows(string action)
    {
        var operation = action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return action is "iam:SimulatePrincipalPolicy" or "sts:GetCallerIdentity"
            || ReadPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal));
    }
}

/// <summary>Reads the shipped least-privilege and trust policies under docs/iam.</summary>
internal static class IamPolicies
{
    private static string Folder => Path.Combine(RepositoryRoot.Path, "docs", "iam");

    /// <summary>The permission policies, attached to a role, each with the actions it grants that are not reads.</summary>
    /// <remarks>secretsmanager:GetSecretValue reads by its name; the tests above hold it to the stack's two secrets.</remarks>
    public static readonly IReadOnlyDictionary<string, string[]> Permission = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["verification-readonly.json"] = [],
        ["verification-connectivity.json"] = ["kms:Decrypt"],
        ["verification-evidence-signing.json"] = ["kms:Sign"],
        ["verification-central-assume.json"] = ["sts:AssumeRole"],
    };

    /// <summary>The trust policies of the per-account audit role.</summary>
    public static readonly string[] Trust = ["verification-audit-trust-oidc-github.json", "verification-audit-trust-central.json"];

    /// <summary>Every policy document under docs/iam (implicit-actions.json is a list of reasons, not a policy).</summary>
    public static IReadOnlyList<string> Documents() =>
        [.. Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Where(f => f != "implicit-actions.json")];

    /// <summary>Whether every statement of a policy names a principal (a trust policy's shape).</summary>
    public static bool NamesAPrincipal(string file) => AllStatements(file).All(s => s.ContainsKey("Principal"));

    /// <summary>Whether an Allow statement of a policy uses NotAction, NotResource or NotPrincipal.</summary>
    public static bool AllowsByExclusion(string file) =>
        Statements(file).Any(s => s.ContainsKey("NotAction") || s.ContainsKey("NotResource") || s.ContainsKey("NotPrincipal"));

    /// <summary>The principals a trust policy allows, as "kind value" (e.g. "AWS arn:aws:iam::...").</summary>
    public static IReadOnlyList<string> Principals(string file) =>
        [.. Statements(file).SelectMany(s => s["Principal"]!.AsObject().SelectMany(p => Strings(p.Value).Select(v => $"{p.Key} {v}")))];

    /// <summary>The conditions of a policy's Allow statements, as "operator key value".</summary>
    public static IReadOnlyList<string> Conditions(string file) =>
        [.. Statements(file).Where(s => s["Condition"] is not null).SelectMany(s => s["Condition"]!.AsObject()
            .SelectMany(op => op.Value!.AsObject().SelectMany(key => Strings(key.Value).Select(v => $"{op.Key} {key.Key} {v}"))))];

    /// <summary>Every action a policy allows.</summary>
    public static IReadOnlySet<string> Actions(string file) =>
        Statements(file).SelectMany(s => Strings(s["Action"])).ToHashSet(StringComparer.Ordinal);

    /// <summary>The resources of the statements that allow <paramref name="action"/>.</summary>
    public static IReadOnlyList<string> ResourcesOf(string file, string action) =>
        [.. Statements(file).Where(s => Strings(s["Action"]).Contains(action)).SelectMany(s => Strings(s["Resource"]))];

    /// <summary>The actions a policy grants that a run does not call itself, with the reason (implicit-actions.json).</summary>
    public static IReadOnlyDictionary<string, string> Implicit(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "implicit-actions.json")))!.AsArray()
            .Where(e => e!["policy"]!.GetValue<string>() == file)
            .ToDictionary(e => e!["action"]!.GetValue<string>(), e => e!["reason"]!.GetValue<string>(), StringComparer.Ordinal);

    private static IEnumerable<JsonObject> Statements(string file) =>
        AllStatements(file).Where(s => s["Effect"]!.GetValue<string>() == "Allow");

    private static IEnumerable<JsonObject> AllStatements(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!["Statement"]!.AsArray().Select(s => s!.AsObject());

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n!.GetValue<string>()),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}
