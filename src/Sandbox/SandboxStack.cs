using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace Verification.Sandbox;

/// <summary>The local data-path servers' real login and token, as sandbox/servers/up.sh writes them (credentials.env).</summary>
public sealed record ServersCredentials(string DbUser, string DbPassword, string DbName, string RedisAuthToken)
{
    /// <summary>Reads credentials.env (KEY=value lines); one message naming the file when it is missing or incomplete.</summary>
    public static ServersCredentials Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException($"{path} does not exist: start the sandbox servers with `bash sandbox/servers/up.sh`.");
        }

        var values = File.ReadAllLines(path)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);

        string Required(string key) => values.TryGetValue(key, out var v) && v.Length > 0
            ? v
            : throw new ScenarioException($"{path} has no {key}; delete it and run sandbox/servers/up.sh again.");

        return new ServersCredentials(Required("DB_USER"), Required("DB_PASSWORD"), Required("DB_NAME"), Required("REDIS_AUTH_TOKEN"));
    }

    /// <summary>No value of these credentials in ToString: it could reach a log.</summary>
    public override string ToString() => $"ServersCredentials {{ DbUser = {DbUser}, DbName = {DbName}, secrets hidden }}";
}

/// <summary>Where the stack's secrets are and what the database endpoint is, to plant the servers' real credentials there.</summary>
public sealed record SecretsToPlant(ServersCredentials Servers, string DbSecretArn, string DbHost, int DbPort, string? RedisAuthSecretArn);

/// <summary>
/// The simulated AWS endpoint serving one scenario (or an organisation's accounts) in-process, optionally with the local servers' real credentials
/// planted in its Secrets Manager, so the data-path probes fetch them exactly as they would from AWS.
/// </summary>
public sealed class SandboxStack : IAsyncDisposable
{
    private readonly SandboxServer _server;

    private SandboxStack(SandboxServer server, IReadOnlyList<string> planted)
    {
        _server = server;
        PlantedSecrets = planted;
    }

    public Uri Endpoint => _server.Endpoint;

    /// <summary>The sandbox's access key pair (in an organisation, the home account's base key).</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);

    /// <summary>Every secret value the served scenario (or every member's) holds, for the leak scans.</summary>
    public IReadOnlyList<string> PlantedSecrets { get; }

    public SandboxServer Server => _server;

    public static async Task<SandboxStack> StartAsync(string scenarioName, SecretsToPlant? plant, SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scenario = Scenario.Load(scenarioName);
        if (plant is not null)
        {
            scenario = Plant(scenario, plant);
        }

        var server = await SandboxServer.StartAsync(scenario, options, cancellationToken).ConfigureAwait(false);
        return new SandboxStack(server, [.. scenario.PlantedSecrets.Select(s => s.Value)]);
    }

    /// <summary>
    /// Serves the accounts of <paramref name="members"/> behind one endpoint; <see cref="Credentials"/> is the home account's
    /// base key, and each member is reached by assuming its audit role.
    /// </summary>
    public static async Task<SandboxStack> StartOrganisationAsync(IReadOnlyList<OrganisationMember> members, SandboxOptions? options = null, CancellationToken ct = default)
    {
        var organisation = SandboxOrganisation.Create(members);
        var server = await SandboxServer.StartAsync(organisation, options, ct).ConfigureAwait(false);
        return new SandboxStack(server, [.. organisation.PlantedSecrets.Select(s => s.Value).Distinct(StringComparer.Ordinal)]);
    }

    private static Scenario Plant(Scenario scenario, SecretsToPlant plant)
    {
        var servers = plant.Servers;
        var database = new JsonObject
        {
            ["username"] = servers.DbUser,
            ["password"] = servers.DbPassword,
            ["engine"] = "postgres",
            ["host"] = plant.DbHost,
            ["port"] = plant.DbPort,
            ["dbname"] = servers.DbName,
        };
        var planted = scenario.WithSecret(plant.DbSecretArn, database.ToJsonString(), new PlantedSecret("db-password", servers.DbPassword));
        return plant.RedisAuthSecretArn is { } redis
            ? planted.WithSecret(redis, servers.RedisAuthToken, new PlantedSecret("redis-auth-token", servers.RedisAuthToken))
            : planted;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
