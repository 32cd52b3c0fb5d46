using Verification.Probes.Connectivity;

namespace Verification.Connectivity;

/// <summary>
/// credentials.env as sandbox/servers/up.sh writes it (DB_USER, DB_PASSWORD, DB_NAME, REDIS_AUTH_TOKEN). The suite reads
/// it in one place only: to plant the local servers' real credentials in the sandbox's Secrets Manager, from which the
/// probes then fetch them as they would on AWS.
/// </summary>
internal static class SandboxServersCredentials
{
    public static DataPathCredentials Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist: start the sandbox servers with `bash sandbox/servers/up.sh`.", path);

        var values = File.ReadAllLines(path)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);

        string Required(string key) => values.TryGetValue(key, out var v) && v.Length > 0
            ? v
            : throw new InvalidDataException($"{path} has no {key}; delete it and run sandbox/servers/up.sh again.");

        return new DataPathCredentials(Required("DB_USER"), Required("DB_PASSWORD"), Required("DB_NAME"), Required("REDIS_AUTH_TOKEN"));
    }
}
