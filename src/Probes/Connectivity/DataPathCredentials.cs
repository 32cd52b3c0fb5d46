namespace Verification.Probes.Connectivity;

/// <summary>The database login and the Redis AUTH token; <see cref="ToString"/> never shows a secret.</summary>
public sealed record DataPathCredentials(string DbUser, string DbPassword, string DbName, string RedisAuthToken)
{
    /// <summary>Every secret value, for scrubbing messages.</summary>
    public IReadOnlyList<string> Secrets => [DbPassword, RedisAuthToken];

    /// <summary>Names the user and database only.</summary>
    public override string ToString() => $"DataPathCredentials {{ DbUser = {DbUser}, DbName = {DbName}, secrets hidden }}";
}

/// <summary>Where the data-path credentials come from (a local env file now, the stack's Secrets Manager secret later).</summary>
public interface IDataPathCredentials
{
    /// <summary>Reads the credentials.</summary>
    Task<DataPathCredentials> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Reads KEY=VALUE lines (DB_USER, DB_PASSWORD, DB_NAME, REDIS_AUTH_TOKEN) as sandbox/servers/up.sh writes them.</summary>
public sealed class EnvFileCredentials(string path) : IDataPathCredentials
{
    /// <inheritdoc />
    public async Task<DataPathCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data-path credentials file {path} does not exist; run sandbox/servers/up.sh.", path);

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            var eq = line.IndexOf('=');
            if (eq > 0 && !line.StartsWith('#'))
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }

        string Required(string key) => values.TryGetValue(key, out var v) && v.Length > 0
            ? v
            : throw new InvalidDataException($"Data-path credentials file {path} has no {key}.");

        return new DataPathCredentials(Required("DB_USER"), Required("DB_PASSWORD"), Required("DB_NAME"), Required("REDIS_AUTH_TOKEN"));
    }
}
