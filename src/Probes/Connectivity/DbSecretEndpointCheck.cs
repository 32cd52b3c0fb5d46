using Verification.Probes.Outputs;

namespace Verification.Probes.Connectivity;

/// <summary>
/// Judges the database secret the way the application reads it: it must name the host and port the stack exports as
/// db_endpoint, or the application connects somewhere else (or nowhere) even though every control passes.
/// Only the key names and the host/port are reported, never the credentials.
/// </summary>
public static class DbSecretEndpointCheck
{
    public static ProbeResult Check(DataPathCredentials credentials, HostPort dbEndpoint, string secretArn, TimeProvider time)
    {
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["secret"] = secretArn,
            ["secret_host"] = credentials.SecretHost ?? "(absent)",
            ["secret_port"] = credentials.SecretPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(absent)",
            ["db_endpoint"] = dbEndpoint.ToString(),
        };
        var problems = new List<string>();
        if (credentials.SecretHost is null)
        {
            problems.Add("it has no \"host\" key");
        }
        else if (!string.Equals(credentials.SecretHost.TrimEnd('.'), dbEndpoint.Host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"its host is {credentials.SecretHost}, not {dbEndpoint.Host}");
        }

        if (credentials.SecretPort is null)
        {
            problems.Add("it has no \"port\" key");
        }
        else if (credentials.SecretPort != dbEndpoint.Port)
        {
            problems.Add($"its port is {credentials.SecretPort}, not {dbEndpoint.Port}");
        }

        var passed = problems.Count == 0;
        var message = passed
            ? $"Secrets Manager secret {secretArn} names the database at {dbEndpoint}, as the outputs do."
            : $"Secrets Manager secret {secretArn} does not point the application at db_endpoint {dbEndpoint}: {string.Join("; ", problems)}.";
        return new ProbeResult("DbSecretEndpointCheck", dbEndpoint.ToString(), "(no connection)", passed ? ProbeOutcome.Pass : ProbeOutcome.Fail,
            passed ? ProbeFailure.None : ProbeFailure.SecretMismatch, message, evidence, time.GetUtcNow(), TimeSpan.Zero);
    }
}
