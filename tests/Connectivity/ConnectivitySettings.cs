using System.Globalization;
using Verification.Probes.Connectivity;

namespace Verification.Connectivity;

/// <summary>
/// The suite's settings: a runsettings TestRunParameter, overridden by an environment variable of the same name in
/// upper snake case with a VERIFY_ prefix (CaBundle → VERIFY_CA_BUNDLE). Relative paths are from the repo root.
/// </summary>
internal sealed class ConnectivitySettings
{
    public static ConnectivitySettings Current { get; } = new();

    public static readonly string DefaultDbEndpoint = "healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com:5432";
    public static readonly string DefaultRedisEndpoint = "master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com:6379";
    public static readonly string DefaultAlbDnsName = "healthcare-alb-dev-1234567890.us-east-1.elb.amazonaws.com";

    /// <summary>False: every data-path test reports "not in scope for this run" (the gate's policy decides what that means).</summary>
    public bool InScope => Bool("ConnectivityInScope", false);

    public DataPathEndpoint Db => DataPathEndpoint.Parse(Text("DbEndpoint") ?? DefaultDbEndpoint, 5432, Text("DbConnectAddress"));

    public DataPathEndpoint Redis => DataPathEndpoint.Parse(Text("RedisEndpoint") ?? DefaultRedisEndpoint, 6379, Text("RedisConnectAddress"));

    public DataPathEndpoint AlbHttps => new(Text("AlbDnsName") ?? DefaultAlbDnsName, Int("AlbHttpsPort", 443), Text("AlbConnectAddress"));

    public DataPathEndpoint AlbHttp => AlbHttps with { Port = Int("AlbHttpPort", 80) };

    /// <summary>The application's host name on the ALB certificate; null means the name cannot be checked.</summary>
    public string? AppHostname => Text("AppHostname");

    public bool RedisWriteCanary => Bool("RedisWriteCanary", false);

    public ProbeSettings Probe => new()
    {
        Timeout = TimeSpan.FromSeconds(Int("ConnectTimeoutSeconds", (int)ProbeSettings.DefaultTimeout.TotalSeconds)),
        CaBundlePath = Path("CaBundle"),
        SkipIdentityVerification = Bool("SkipIdentityVerification", false),
        LoopbackIsPrivate = Bool("LoopbackIsPrivate", false),
    };

    /// <summary>The one place that picks the credential source; swap this line for the Secrets Manager reader.</summary>
    public IDataPathCredentials Credentials => new EnvFileCredentials(Path("DataPathCredentialsFile") ?? Resolve(".sandbox/servers/credentials.env"));

    /// <summary>ports.env written by sandbox/servers/up.sh (defective servers' ports).</summary>
    public string SandboxPortsFile => Path("SandboxServersPortsFile") ?? Resolve(".sandbox/servers/ports.env");

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Resolve(string path) => System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(RepoRoot, path);

    static string? Text(string name)
    {
        var env = Environment.GetEnvironmentVariable("VERIFY_" + UpperSnake(name));
        var value = !string.IsNullOrEmpty(env) ? env : TestContext.Parameters.Get(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    static string? Path(string name) => Text(name) is { } p ? Resolve(p) : null;

    static bool Bool(string name, bool fallback) => Text(name) is { } v ? bool.Parse(v) : fallback;

    static int Int(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    internal static string UpperSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? "_" + c : c.ToString())).ToUpperInvariant();

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Verification.sln")))
                return dir.FullName;
        }

        return Directory.GetCurrentDirectory();
    }
}
