namespace Verification.Probes.Connectivity;

/// <summary>The database login and the Redis AUTH token; <see cref="ToString"/> never shows a secret.</summary>
/// <param name="RedisAuthToken">Null when the run names no Redis AUTH secret (the session is then opened without AUTH).</param>
public sealed record DataPathCredentials(string DbUser, string DbPassword, string DbName, string? RedisAuthToken)
{
    /// <summary>The host the database secret names (RDS-managed secrets name none), for comparing with the outputs' endpoint.</summary>
    public string? SecretHost { get; init; }

    /// <summary>The port the database secret names, or null.</summary>
    public int? SecretPort { get; init; }

    /// <summary>Every secret value, for scrubbing messages and scanning output.</summary>
    public IReadOnlyList<string> Secrets => RedisAuthToken is null ? [DbPassword] : [DbPassword, RedisAuthToken];

    /// <summary>Names the user and database only.</summary>
    public override string ToString() => $"DataPathCredentials {{ DbUser = {DbUser}, DbName = {DbName}, secrets hidden }}";
}

/// <summary>Where the data-path credentials come from.</summary>
public interface IDataPathCredentials
{
    /// <summary>Reads the credentials.</summary>
    Task<DataPathCredentials> GetAsync(CancellationToken cancellationToken);
}
