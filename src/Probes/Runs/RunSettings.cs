using System.Globalization;
using Verification.Probes.Aws;
using Verification.Probes.Controls;

namespace Verification.Probes.Runs;

/// <summary>A setting that cannot be used, with one message naming it, the value found and what was expected.</summary>
public sealed class SettingsException(string message) : Exception(message);

/// <summary>
/// What a run is told: outputs files, where to run, and the organisation's thresholds. Read from runsettings
/// TestRunParameters, each overridable by an environment variable VERIFY_&lt;UPPER_SNAKE_NAME&gt; (Outputs → VERIFY_OUTPUTS).
/// </summary>
public sealed record RunSettings
{
    /// <summary>The organisation's policy values: what a thresholds file may set, and what a policy deviation is measured on.</summary>
    public static readonly IReadOnlyList<string> PolicyNames =
    [
        "MinLogRetentionDays", "AllowNeverExpire", "MinBackupRetentionDays", "MinSnapshotRetentionDays", "MaxServerlessCapacity",
        "CertificateExpiryWarningDays", "FailOn", "MaxWaiverDays", "MaxAppSubnetPrefixLength", "RequiredTags", "StateBucketRequiresStackKey",
    ];

    /// <summary>The parameter names this suite reads; anything else in the file is reported, not silently ignored.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(PolicyNames.Concat(
    [
        "Outputs", "Region", "Profile", "Mode", "SandboxScenario", "ReportsDirectory", "Waivers",
        "MaxAttempts", "AttemptTimeoutSeconds", "TotalBudgetSeconds", "StateBucket", "AllowInsecureEndpoint",
        "Inventory", "RoleArns", "ExternalId", "MaxParallelAccounts", "RoleSessionSeconds",
    ]), StringComparer.Ordinal);

    public IReadOnlyList<string> OutputsPaths { get; init; } = [];

    /// <summary>The accounts of the run: the inventory's, or the outputs files with their roles; never empty once read.</summary>
    public IReadOnlyList<AccountTarget> Accounts { get; init; } = [];

    /// <summary>The inventory file the accounts came from, when any.</summary>
    public string? InventoryFile { get; init; }

    /// <summary>How many accounts are collected at once.</summary>
    public int MaxParallelAccounts { get; init; } = 4;

    /// <summary>DurationSeconds of each sts:AssumeRole: long enough for one account's collection, short enough to expire soon after.</summary>
    public int RoleSessionSeconds { get; init; } = 3600;
    public string? Region { get; init; }
    public string? Profile { get; init; }

    /// <summary>"gate", "audit" or "sandbox".</summary>
    public string Mode { get; init; } = "gate";

    /// <summary>The sandbox scenario to serve in sandbox mode.</summary>
    public string? SandboxScenario { get; init; }
    public string ReportsDirectory { get; init; } = "reports";

    /// <summary>The IaC state bucket to check; wins over the outputs' state_bucket.</summary>
    public string? StateBucket { get; init; }
    public Policy Policy { get; init; } = Policy.Default;

    /// <summary>The waivers file read into <see cref="Policy"/>, when any.</summary>
    public string? WaiversFile { get; init; }

    /// <summary>How hard each AWS call tries: attempts, per-attempt timeout and total time (MaxAttempts, AttemptTimeoutSeconds, TotalBudgetSeconds).</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Whether AWS_ENDPOINT_URL(_&lt;SERVICE&gt;) may be plain http outside sandbox mode (--allow-insecure-endpoint): a policy deviation.</summary>
    public bool AllowInsecureEndpoint { get; init; }

    /// <summary>Reads settings; <paramref name="parameter"/> gives runsettings values, <paramref name="environment"/> the overrides.</summary>
    public static RunSettings Read(Func<string, string?> parameter, Func<string, string?> environment, string baseDirectory)
    {
        string? Get(string name) => NonEmpty(environment("VERIFY_" + UpperSnake(name))) ?? NonEmpty(parameter(name));
        var mode = Get("Mode") ?? "gate";
        if (mode is not ("gate" or "audit" or "sandbox"))
        {
            throw new SettingsException($"Setting Mode: expected gate, audit or sandbox, found '{mode}'.");
        }

        var inventory = Get("Inventory") is { } file ? Path.GetFullPath(file, baseDirectory) : null;
        var outputs = (Get("Outputs") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Path.GetFullPath(p, baseDirectory)).ToList();
        if (outputs.Count == 0 && inventory is null)
        {
            throw new SettingsException("Setting Outputs: expected one or more stack outputs files (separated by ';'), found none. Set TestRunParameters Outputs or VERIFY_OUTPUTS, or an Inventory.");
        }

        var roleArns = (Get("RoleArns") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (inventory is not null && roleArns.Count > 0)
        {
            throw new SettingsException("Setting RoleArns: the inventory names each account's role; expected RoleArns or an Inventory, found both.");
        }

        // An inventory replaces the Outputs default of the runsettings file: its accounts are the run.
        var accounts = inventory is not null
            ? Inventory.Read(inventory, sandbox: mode == "sandbox")
            : Inventory.FromPairs(outputs, roleArns, Get("ExternalId"));
        if (inventory is not null)
        {
            outputs = [.. accounts.SelectMany(a => a.OutputsPaths)];
        }

        var defaults = Policy.Default;
        var policy = new Policy
        {
            MinLogRetentionDays = Int(Get, "MinLogRetentionDays", defaults.MinLogRetentionDays, 1, 3653),
            AllowNeverExpire = Bool(Get, "AllowNeverExpire", defaults.AllowNeverExpire),
            StateBucketRequiresStackKey = Bool(Get, "StateBucketRequiresStackKey", defaults.StateBucketRequiresStackKey),
            MinBackupRetentionDays = Int(Get, "MinBackupRetentionDays", defaults.MinBackupRetentionDays, 0, 35),
            MinSnapshotRetentionDays = Int(Get, "MinSnapshotRetentionDays", defaults.MinSnapshotRetentionDays, 0, 35),
            MaxServerlessCapacity = Int(Get, "MaxServerlessCapacity", (int)defaults.MaxServerlessCapacity, 1, 256),
            CertificateExpiryWarningDays = Int(Get, "CertificateExpiryWarningDays", defaults.CertificateExpiryWarningDays, 0, 365),
            MaxAppSubnetPrefixLength = Int(Get, "MaxAppSubnetPrefixLength", defaults.MaxAppSubnetPrefixLength, 16, 28),
            MaxWaiverDays = Int(Get, "MaxWaiverDays", defaults.MaxWaiverDays, 1, 3653),
            RequiredTags = Get("RequiredTags") is { } tags
                ? [.. tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
                : defaults.RequiredTags,
            FailOn = Get("FailOn") is { } failOn
                ? Enum.TryParse<Severity>(failOn, ignoreCase: true, out var severity) ? severity
                    : throw new SettingsException($"Setting FailOn: expected one of {string.Join(", ", Enum.GetNames<Severity>())}, found '{failOn}'.")
                : defaults.FailOn,
            Waivers = Get("Waivers") is { } waivers ? WaiverFile.Load(Path.GetFullPath(waivers, baseDirectory)) : [],
        };
        var waiversFile = Get("Waivers") is { } w ? Path.GetFullPath(w, baseDirectory) : null;
        var scenario = Get("SandboxScenario");
        if (inventory is not null)
        {
            // Each inventory account names its own scenario.
            scenario = null;
        }
        else if (mode == "sandbox" && scenario is null)
        {
            throw new SettingsException("Setting SandboxScenario: sandbox mode needs a scenario name (e.g. compliant-rds), found none.");
        }

        var stateBucket = Get("StateBucket");
        if (stateBucket is not null && !Outputs.OutputForms.IsBucketName(stateBucket))
        {
            throw new SettingsException($"Setting StateBucket: expected an S3 bucket name (3 to 63 lowercase letters, digits, - and .), found '{stateBucket}'.");
        }

        var retryDefaults = RetryPolicy.Default;
        var retry = retryDefaults with
        {
            MaxAttempts = Int(Get, "MaxAttempts", retryDefaults.MaxAttempts, 1, 20),
            AttemptTimeout = TimeSpan.FromSeconds(Int(Get, "AttemptTimeoutSeconds", (int)retryDefaults.AttemptTimeout.TotalSeconds, 1, 300)),
            TotalBudget = TimeSpan.FromSeconds(Int(Get, "TotalBudgetSeconds", (int)retryDefaults.TotalBudget.TotalSeconds, 1, 3600)),
        };
        if (retry.TotalBudget < retry.AttemptTimeout)
        {
            throw new SettingsException($"Setting TotalBudgetSeconds: expected at least AttemptTimeoutSeconds ({retry.AttemptTimeout.TotalSeconds:0}), found '{retry.TotalBudget.TotalSeconds:0}'.");
        }

        return new RunSettings
        {
            OutputsPaths = outputs,
            Accounts = accounts,
            InventoryFile = inventory,
            MaxParallelAccounts = Int(Get, "MaxParallelAccounts", 4, 1, 64),
            RoleSessionSeconds = Int(Get, "RoleSessionSeconds", 3600, 900, 43200),
            Region = Get("Region"),
            Profile = Get("Profile"),
            Mode = mode,
            SandboxScenario = scenario,
            ReportsDirectory = Path.GetFullPath(Get("ReportsDirectory") ?? "reports", baseDirectory),
            StateBucket = stateBucket,
            Policy = policy,
            WaiversFile = waiversFile,
            Retry = retry,
            AllowInsecureEndpoint = Bool(Get, "AllowInsecureEndpoint", false),
        };
    }

    /// <summary>Refuses parameter names this suite does not read (a typo would otherwise silently keep a default).</summary>
    /// <param name="alsoKnown">Names other readers of the same file own (the connectivity suite's).</param>
    public static void RejectUnknown(IEnumerable<string> names, IEnumerable<string>? alsoKnown = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        var others = (alsoKnown ?? []).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => !Known.Contains(n) && !others.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SettingsException($"Setting {string.Join(", ", unknown)}: not a setting this suite reads; expected one of {string.Join(", ", Known.Order(StringComparer.Ordinal))}.");
        }
    }

    private static int Int(Func<string, string?> get, string name, int fallback, int min, int max)
    {
        var text = get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingsException($"Setting {name}: expected a whole number from {min} to {max}, found '{text}'.");
    }

    private static bool Bool(Func<string, string?> get, string name, bool fallback)
    {
        var text = get(name);
        return text is null ? fallback
            : bool.TryParse(text, out var value) ? value
            : throw new SettingsException($"Setting {name}: expected true or false, found '{text}'.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>MinLogRetentionDays → MIN_LOG_RETENTION_DAYS.</summary>
    public static string UpperSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
