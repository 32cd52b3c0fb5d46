using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verification.Probes.Runs;

/// <summary>What the sandbox serves for one inventory account; read only in sandbox mode.</summary>
/// <param name="Scenario">The sandbox scenario rewritten into this account.</param>
/// <param name="TrustedPrincipal">Whom the account's audit role trusts; null: the sandbox's CI principal.</param>
public sealed record SandboxAccount(string Scenario, string? TrustedPrincipal);

/// <summary>
/// One account of a run: its stacks' outputs files, the region, and the role assumed into it from the base identity.
/// A run without an inventory has one target, the base identity's own account.
/// </summary>
public sealed record AccountTarget
{
    /// <summary>The inventory's name for the account ("prod"); reports group by it.</summary>
    public required string Name { get; init; }

    /// <summary>The account the inventory says this is; null when it names none (then the role ARN's account, if any).</summary>
    public string? AccountId { get; init; }

    public string? Region { get; init; }

    /// <summary>The role to assume with sts:AssumeRole; null: the base credentials are used as they are.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The external id the role's trust asks for; never printed (it is a shared secret of sorts).</summary>
    public string? ExternalId { get; init; }

    public required IReadOnlyList<string> OutputsPaths { get; init; }

    public SandboxAccount? Sandbox { get; init; }

    public override string ToString() => $"{Name}{(AccountId is null ? "" : $" ({AccountId})")}";
}

/// <summary>
/// The inventory file: every account of a nightly audit, with its role and outputs files (relative to the inventory).
/// Every problem is one message naming the entry, what was expected and what was found.
/// </summary>
public static partial class Inventory
{
    /// <summary>The name of the one account of a run without an inventory, until STS names it by its id.</summary>
    public const string Unnamed = "default";

    public static IReadOnlyList<AccountTarget> Read(string path, bool sandbox)
    {
        if (!File.Exists(path))
        {
            throw new SettingsException($"Setting Inventory: expected an inventory file (JSON with \"accounts\"), found nothing at {path}.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new SettingsException($"Inventory {path}: not valid JSON ({e.Message}); expected {{\"accounts\": [{{\"name\", \"roleArn\", \"outputs\", ...}}]}}.");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array || accounts.GetArrayLength() == 0)
        {
            throw new SettingsException($"Inventory {path}: expected an object with a non-empty \"accounts\" array, found {Describe(root)}.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var targets = accounts.EnumerateArray().Select((entry, i) => Entry(entry, i, directory, sandbox, path)).ToList();
        if (targets.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new SettingsException($"Inventory {path}: account name '{twice.Key}' appears {twice.Count()} times; expected each name once (reports group by it).");
        }

        return targets;
    }

    /// <summary>
    /// Targets from <c>--outputs FILE --role-arn ARN</c> pairs: the Nth role goes with the Nth outputs file, one role
    /// applies to every file, no role means the base identity. Files with the same role are one account.
    /// </summary>
    public static IReadOnlyList<AccountTarget> FromPairs(IReadOnlyList<string> outputs, IReadOnlyList<string> roleArns, string? externalId)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(roleArns);
        if (roleArns.Count == 0)
        {
            return [new AccountTarget { Name = Unnamed, OutputsPaths = outputs }];
        }

        if (roleArns.Count != 1 && roleArns.Count != outputs.Count)
        {
            throw new SettingsException($"Setting RoleArns: expected one role for every outputs file ({outputs.Count}) or one role for all, found {roleArns.Count}.");
        }

        foreach (var role in roleArns)
        {
            RequireRoleArn(role, "Setting RoleArns");
        }

        return [.. outputs.Select((file, i) => (File: file, Role: roleArns[roleArns.Count == 1 ? 0 : i]))
            .GroupBy(p => p.Role, StringComparer.Ordinal)
            .Select(g => new AccountTarget
            {
                Name = AccountOfRole(g.Key)!,
                AccountId = AccountOfRole(g.Key),
                RoleArn = g.Key,
                ExternalId = externalId,
                OutputsPaths = [.. g.Select(p => p.File)],
            })];
    }

    /// <summary>The account id of an IAM role ARN, or null when it is not one.</summary>
    public static string? AccountOfRole(string roleArn) => RoleArnPattern().Match(roleArn) is { Success: true } m ? m.Groups["account"].Value : null;

    private static AccountTarget Entry(JsonElement entry, int index, string directory, bool sandbox, string path)
    {
        var where = $"Inventory {path}, account {index + 1}";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new SettingsException($"{where}: expected an object, found {Describe(entry)}.");
        }

        var known = new HashSet<string>(["name", "accountId", "region", "roleArn", "externalId", "outputs", "sandbox"], StringComparer.Ordinal);
        if (entry.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !known.Contains(n)) is { } unknown)
        {
            throw new SettingsException($"{where}: unknown member \"{unknown}\"; expected {string.Join(", ", known)}.");
        }

        var name = Text(entry, "name", where) ?? throw new SettingsException($"{where}: expected \"name\" (e.g. \"prod\"), found none.");
        where = $"Inventory {path}, account '{name}'";
        if (!NamePattern().IsMatch(name))
        {
            throw new SettingsException($"{where}: expected a name of letters, digits, '.', '_' or '-' (at most 64), found '{name}'.");
        }

        var accountId = Text(entry, "accountId", where);
        if (accountId is not null && !AccountPattern().IsMatch(accountId))
        {
            throw new SettingsException($"{where}: expected \"accountId\" of 12 digits, found '{accountId}'.");
        }

        var roleArn = Text(entry, "roleArn", where);
        if (roleArn is not null)
        {
            RequireRoleArn(roleArn, where);
            if (accountId is not null && AccountOfRole(roleArn) != accountId)
            {
                throw new SettingsException($"{where}: roleArn {roleArn} is in account {AccountOfRole(roleArn)}, but accountId says {accountId}; expected the role of the account audited.");
            }
        }

        var externalId = Text(entry, "externalId", where);
        if (externalId is not null && (externalId.Length < 2 || externalId.Length > 1224))
        {
            throw new SettingsException($"{where}: expected \"externalId\" of 2 to 1224 characters, found {externalId.Length}.");
        }

        if (externalId is not null && roleArn is null)
        {
            throw new SettingsException($"{where}: \"externalId\" is sent with sts:AssumeRole, but the entry has no \"roleArn\".");
        }

        var region = Text(entry, "region", where);
        if (region is not null && !RegionPattern().IsMatch(region))
        {
            throw new SettingsException($"{where}: expected \"region\" such as us-east-1, found '{region}'.");
        }

        if (!entry.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array || outputs.GetArrayLength() == 0
            || outputs.EnumerateArray().Any(o => o.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(o.GetString())))
        {
            throw new SettingsException($"{where}: expected \"outputs\": a non-empty array of stack outputs file paths (relative to the inventory), found {(entry.TryGetProperty("outputs", out var o2) ? Describe(o2) : "none")}.");
        }

        SandboxAccount? sandboxAccount = null;
        if (entry.TryGetProperty("sandbox", out var sandboxEntry))
        {
            if (!sandbox)
            {
                throw new SettingsException($"{where}: \"sandbox\" describes a simulated account and is read in sandbox mode only; remove it for a real run.");
            }

            sandboxAccount = new SandboxAccount(
                Text(sandboxEntry, "scenario", where) ?? throw new SettingsException($"{where}: expected \"sandbox\": {{\"scenario\": NAME}}, found no scenario."),
                Text(sandboxEntry, "trustedPrincipal", where));
        }
        else if (sandbox)
        {
            throw new SettingsException($"{where}: sandbox mode serves each account from a scenario; expected \"sandbox\": {{\"scenario\": NAME}}, found none.");
        }

        return new AccountTarget
        {
            Name = name,
            AccountId = accountId ?? (roleArn is null ? null : AccountOfRole(roleArn)),
            Region = region,
            RoleArn = roleArn,
            ExternalId = externalId,
            OutputsPaths = [.. outputs.EnumerateArray().Select(o => Path.GetFullPath(o.GetString()!, directory))],
            Sandbox = sandboxAccount,
        };
    }

    private static void RequireRoleArn(string roleArn, string where)
    {
        if (AccountOfRole(roleArn) is null)
        {
            throw new SettingsException($"{where}: expected an IAM role ARN (arn:aws:iam::123456789012:role/verification-audit), found '{roleArn}'.");
        }
    }

    private static string? Text(JsonElement entry, string member, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Trim()
            : throw new SettingsException($"{where}: expected \"{member}\" to be a non-empty string, found {Describe(value)}.");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object without it",
        JsonValueKind.Array => $"an array of {value.GetArrayLength()}",
        JsonValueKind.String => $"the string '{value.GetString()}'",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d$")]
    private static partial Regex RegionPattern();
}
