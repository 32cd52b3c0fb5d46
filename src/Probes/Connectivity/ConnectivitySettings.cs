using System.Globalization;
using Verification.Probes.Runs;

namespace Verification.Probes.Connectivity;

/// <summary>
/// What the connectivity suite is told, read from the same runsettings TestRunParameters as <see cref="RunSettings"/>,
/// each overridable by VERIFY_&lt;UPPER_SNAKE_NAME&gt; (CaBundle → VERIFY_CA_BUNDLE). Endpoints are never settings:
/// they come from the stack outputs; the settings only say where sockets go instead and how to check what answers.
/// </summary>
public sealed record ConnectivitySettings
{
    /// <summary>Every parameter name the connectivity suite reads.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "ConnectivityInScope", "Mode", "SandboxScenario", "Outputs", "Region", "Profile", "ReportsDirectory",
        "CaBundle", "DbConnectAddress", "RedisConnectAddress", "AlbConnectAddress", "AlbHttpConnectAddress", "AppHostname",
        "RedisAuthSecretArn", "ConnectTimeoutSeconds", "RedisWriteCanary", "SkipIdentityVerification", "LoopbackIsPrivate",
        "SandboxServersCredentialsFile", "SandboxServersPortsFile", "SandboxHostsFile",
    };

    /// <summary>Settings that weaken a check: accepted in sandbox mode only, where the servers are local stand-ins.</summary>
    public static readonly IReadOnlyList<string> SandboxOnly = ["SkipIdentityVerification", "LoopbackIsPrivate", "SandboxHostsFile"];

    /// <summary>False: every data-path test reports "not in scope for this run" and nothing else is read or checked.</summary>
    public bool InScope { get; init; }

    /// <summary>"gate", "audit" or "sandbox" (the simulated AWS endpoint, with the local servers' real credentials planted).</summary>
    public string Mode { get; init; } = "gate";

    /// <summary>The sandbox scenario to serve in sandbox mode.</summary>
    public string? SandboxScenario { get; init; }

    /// <summary>The stack outputs file: db_endpoint, redis_endpoint, alb_dns_name and db_secret_arn come from it.</summary>
    public string OutputsPath { get; init; } = "";

    public string? Region { get; init; }

    public string? Profile { get; init; }

    /// <summary>Where connectivity.json is written.</summary>
    public string ReportsDirectory { get; init; } = "reports";

    /// <summary>Socket overrides; certificates are still checked against the outputs' names.</summary>
    public ConnectAddress? DbConnectAddress { get; init; }

    public ConnectAddress? RedisConnectAddress { get; init; }

    public ConnectAddress? AlbConnectAddress { get; init; }

    /// <summary>The override for the ALB's plain-HTTP listener (port 80 on AWS).</summary>
    public ConnectAddress? AlbHttpConnectAddress { get; init; }

    /// <summary>The application's host name on the ALB certificate; null means the name cannot be checked.</summary>
    public string? AppHostname { get; init; }

    /// <summary>The secret holding the Redis AUTH token; null opens the Redis session without AUTH.</summary>
    public string? RedisAuthSecretArn { get; init; }

    public bool RedisWriteCanary { get; init; }

    /// <summary>Settings for every probe (timeout, CA bundle, identity switch, loopback policy).</summary>
    public ProbeSettings Probe { get; init; } = new();

    /// <summary>credentials.env of sandbox/servers/up.sh: read only in sandbox mode, to plant the servers' real credentials.</summary>
    public string? SandboxServersCredentialsFile { get; init; }

    /// <summary>ports.env of sandbox/servers/up.sh (the defective servers' ports).</summary>
    public string? SandboxServersPortsFile { get; init; }

    /// <summary>Reads the settings; <paramref name="parameter"/> gives runsettings values, <paramref name="environment"/> the overrides.</summary>
    /// <exception cref="SettingsException">A value that cannot be used, named with what was expected.</exception>
    public static ConnectivitySettings Read(Func<string, string?> parameter, Func<string, string?> environment, string baseDirectory)
    {
        string? Get(string name) => NonEmpty(environment("VERIFY_" + RunSettings.UpperSnake(name))) ?? NonEmpty(parameter(name));
        string? PathOf(string name) => Get(name) is { } p ? Path.GetFullPath(p, baseDirectory) : null;
        ConnectAddress? Address(string name) => Get(name) is { } a ? ConnectAddress.Parse(a, name) : null;

        var inScope = Bool(Get, "ConnectivityInScope", false);
        if (!inScope)
            return new ConnectivitySettings { InScope = false };

        var mode = Get("Mode") ?? "gate";
        if (mode is not ("gate" or "audit" or "sandbox"))
            throw new SettingsException($"Setting Mode: expected gate, audit or sandbox, found '{mode}'.");
        var scenario = Get("SandboxScenario");
        if (mode == "sandbox" && scenario is null)
            throw new SettingsException("Setting SandboxScenario: sandbox mode needs a scenario name (e.g. compliant-rds), found none.");

        var outputs = (Get("Outputs") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (outputs.Length == 0)
        {
            throw new SettingsException("Setting Outputs: the data-path checks need the stack outputs file (db_endpoint, redis_endpoint, alb_dns_name, db_secret_arn), found none.");
        }

        if (mode != "sandbox" && SandboxOnly.FirstOrDefault(name => Get(name) is { } value && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase)) is { } weakening)
        {
            throw new SettingsException($"Setting {weakening}: it weakens a data-path check and is accepted in sandbox mode only; found '{Get(weakening)}' in {mode} mode. Remove it (or set it to false).");
        }

        var caBundle = PathOf("CaBundle");
        if (caBundle is not null && !File.Exists(caBundle))
            throw new SettingsException($"Setting CaBundle: the CA bundle {caBundle} does not exist; expected a PEM file (the RDS global bundle, or .sandbox/servers/pki/ca.crt after sandbox/servers/up.sh).");

        var redisSecret = Get("RedisAuthSecretArn");
        if (redisSecret is not null && !redisSecret.StartsWith("arn:", StringComparison.Ordinal))
            throw new SettingsException($"Setting RedisAuthSecretArn: expected a Secrets Manager ARN (arn:aws:secretsmanager:...), found '{redisSecret}'.");

        return new ConnectivitySettings
        {
            InScope = true,
            Mode = mode,
            SandboxScenario = scenario,
            OutputsPath = Path.GetFullPath(outputs[0], baseDirectory),
            Region = Get("Region"),
            Profile = Get("Profile"),
            ReportsDirectory = Path.GetFullPath(Get("ReportsDirectory") ?? "reports", baseDirectory),
            DbConnectAddress = Address("DbConnectAddress"),
            RedisConnectAddress = Address("RedisConnectAddress"),
            AlbConnectAddress = Address("AlbConnectAddress"),
            AlbHttpConnectAddress = Address("AlbHttpConnectAddress"),
            AppHostname = Get("AppHostname"),
            RedisAuthSecretArn = redisSecret,
            RedisWriteCanary = Bool(Get, "RedisWriteCanary", false),
            Probe = new ProbeSettings
            {
                Timeout = TimeSpan.FromSeconds(Int(Get, "ConnectTimeoutSeconds", (int)ProbeSettings.DefaultTimeout.TotalSeconds, 1, 300)),
                CaBundlePath = caBundle,
                SkipIdentityVerification = Bool(Get, "SkipIdentityVerification", false),
                LoopbackIsPrivate = Bool(Get, "LoopbackIsPrivate", false),
                Hosts = PathOf("SandboxHostsFile") is { } hosts ? HostsFile.Read(hosts) : new Dictionary<string, IReadOnlyList<System.Net.IPAddress>>(),
            },
            SandboxServersCredentialsFile = PathOf("SandboxServersCredentialsFile"),
            SandboxServersPortsFile = PathOf("SandboxServersPortsFile"),
        };
    }

    static int Int(Func<string, string?> get, string name, int fallback, int min, int max)
    {
        var text = get(name);
        if (text is null)
            return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingsException($"Setting {name}: expected a whole number from {min} to {max}, found '{text}'.");
    }

    static bool Bool(Func<string, string?> get, string name, bool fallback)
    {
        var text = get(name);
        return text is null ? fallback
            : bool.TryParse(text, out var value) ? value
            : throw new SettingsException($"Setting {name}: expected true or false, found '{text}'.");
    }

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
