using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Verification.Sandbox;

/// <summary>One account of a <see cref="SandboxOrganisation"/>: the stack it runs and the audit role the home account assumes into it.</summary>
/// <param name="AccountId">The member's 12-digit account id; every ARN of its stack carries it.</param>
/// <param name="Scenario">A shipped scenario's name or a scenario file's path, as <see cref="Sandbox.Scenario.Load"/> takes it.</param>
/// <param name="RoleName">The audit role the member's trust lets the suite assume.</param>
/// <param name="TrustedPrincipal">The principal the role trusts; null trusts the home CI role (<see cref="SandboxOrganisation.HomePrincipal"/>).</param>
/// <param name="ExternalId">The sts:ExternalId the trust requires, or null for no condition.</param>
public sealed record OrganisationMember(string AccountId, string Scenario, string RoleName = "verification-audit", string? TrustedPrincipal = null, string? ExternalId = null);

/// <summary>
/// Several AWS accounts behind one endpoint: a home account whose base key is the sandbox key pair, and member accounts,
/// each running its own scenario with every ARN rewritten to its account id, reached only through sts:AssumeRole.
/// </summary>
public sealed class SandboxOrganisation
{
    /// <summary>The account the base key pair belongs to (the CI account).</summary>
    public const string HomeAccount = "999999999999";

    /// <summary>The role the base key pair is a session of: what member trusts name.</summary>
    public const string HomePrincipal = "arn:aws:iam::999999999999:role/verification-ci";

    /// <summary>What GetCallerIdentity answers for the base key pair: a CI job's session of <see cref="HomePrincipal"/>.</summary>
    public const string HomeCallerArn = "arn:aws:sts::999999999999:assumed-role/verification-ci/nightly";

    /// <summary>The UserId of the base identity: the CI role's id and the session name, as AWS forms an assumed role's id.</summary>
    public const string HomeUserId = "AROASANDBOXVERIFCI01:nightly";

    private readonly Dictionary<string, Scenario> _accounts;
    private readonly Dictionary<OrganisationMember, Scenario> _byMember;

    private SandboxOrganisation(IReadOnlyList<OrganisationMember> members, Dictionary<OrganisationMember, Scenario> scenarios, Scenario home)
    {
        Members = members;
        _byMember = scenarios;
        _accounts = scenarios.ToDictionary(p => p.Key.AccountId, p => p.Value, StringComparer.Ordinal);
        Home = home;
    }

    /// <summary>The member accounts, in the order given.</summary>
    public IReadOnlyList<OrganisationMember> Members { get; }

    /// <summary>The home account's stack: no resources, so every list it is asked for is empty.</summary>
    public Scenario Home { get; }

    /// <summary>Every secret value the members' stacks hold, for the leak scans.</summary>
    public IReadOnlyList<PlantedSecret> PlantedSecrets => [.. _byMember.Values.SelectMany(s => s.PlantedSecrets)];

    /// <summary>Loads every member's scenario, rewritten to its account and carrying its audit role.</summary>
    /// <exception cref="ScenarioException">A scenario cannot be loaded, or two members share an account id.</exception>
    public static SandboxOrganisation Create(IReadOnlyList<OrganisationMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.GroupBy(m => m.AccountId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ScenarioException($"account {twice.Key} is named by {twice.Count()} organisation members ({string.Join(", ", twice.Select(m => m.Scenario))}); each member needs its own account id");
        }

        if (members.FirstOrDefault(m => m.AccountId == HomeAccount) is { } home)
        {
            throw new ScenarioException($"member {home.Scenario} uses the home account {HomeAccount}; give it an account of its own");
        }

        var scenarios = members.ToDictionary(m => m, Resolve);
        var region = scenarios.Values.FirstOrDefault()?.Region ?? "us-east-1";
        return new SandboxOrganisation(members, scenarios, HomeScenario(region));
    }

    /// <summary>The stack outputs of <paramref name="member"/>'s account (output name → value), its ARNs in its own account.</summary>
    public JsonObject OutputsOf(OrganisationMember member) => ScenarioOf(member).OutputsObject();

    /// <summary>The stack <paramref name="member"/> runs, as the sandbox serves it.</summary>
    public Scenario ScenarioOf(OrganisationMember member) =>
        _byMember.TryGetValue(member, out var scenario) ? scenario : throw new ArgumentException($"{member} is not a member of this organisation", nameof(member));

    /// <summary>The stack of account <paramref name="accountId"/>, or null when no member has that id.</summary>
    internal Scenario? AccountScenario(string accountId) => _accounts.GetValueOrDefault(accountId);

    /// <summary>The id IAM would give role <paramref name="roleArn"/>: "AROA" and 17 characters, stable for the ARN.</summary>
    internal static string RoleIdOf(string roleArn) =>
        "AROA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(roleArn)))[..17];

    private static Scenario Resolve(OrganisationMember member)
    {
        var scenario = Scenario.Load(member.Scenario).ForAccount(member.AccountId);
        var arn = $"arn:aws:iam::{member.AccountId}:role/{member.RoleName}";
        if (scenario.Select("/resources/iam/Roles") is JsonArray roles && roles.Any(r => r?["RoleName"]?.GetValue<string>() == member.RoleName))
        {
            throw new ScenarioException($"scenario {member.Scenario} already has a role {member.RoleName}; name the audit role differently");
        }

        return scenario.WithRole(new JsonObject
        {
            ["Path"] = "/",
            ["RoleName"] = member.RoleName,
            ["RoleId"] = RoleIdOf(arn),
            ["Arn"] = arn,
            ["CreateDate"] = "2024-01-15T09:00:00Z",
            ["AssumeRolePolicyDocument"] = Trust(member),
            ["Description"] = "Read-only audit role the verification suite assumes from the CI account",
            ["MaxSessionDuration"] = 3600,
        });
    }

    private static JsonObject Trust(OrganisationMember member)
    {
        var statement = new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = member.TrustedPrincipal ?? HomePrincipal },
            ["Action"] = "sts:AssumeRole",
        };
        if (member.ExternalId is { } externalId)
        {
            statement["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = externalId } };
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) };
    }

    private static Scenario HomeScenario(string region) => Scenario.FromDocument("home", new JsonObject
    {
        ["description"] = $"the CI account {HomeAccount}: no stack, only the identity that assumes the members' audit roles",
        ["region"] = region,
        ["account"] = HomeAccount,
        ["pageSize"] = 2,
        ["resources"] = new JsonObject
        {
            ["sts"] = new JsonObject
            {
                ["CallerIdentity"] = new JsonObject { ["UserId"] = HomeUserId, ["Account"] = HomeAccount, ["Arn"] = HomeCallerArn },
            },
        },
    });

    public override string ToString() =>
        $"organisation of {HomeAccount} and {string.Join(", ", Members.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.AccountId} ({m.Scenario})")))}";
}
