using System.Globalization;

namespace Verification.Sandbox.Faults;

/// <summary>
/// The console host's misbehaviour switches: VERIFY_SANDBOX_FAULTS (a <see cref="FaultPlan.Parse"/> string),
/// VERIFY_SANDBOX_LATENCY_MS, VERIFY_SANDBOX_DENY (comma-separated actions) and VERIFY_SANDBOX_EXPIRED=true.
/// </summary>
public static class SandboxEnvironment
{
    /// <summary><paramref name="options"/> with whatever the environment switches on.</summary>
    /// <exception cref="FormatException">A variable holds a value that cannot be used; the message names it.</exception>
    public static SandboxOptions Apply(SandboxOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (Value(environment, "VERIFY_SANDBOX_FAULTS") is { } faults)
        {
            options = options with { Faults = FaultPlan.Parse(faults) };
        }

        if (Value(environment, "VERIFY_SANDBOX_LATENCY_MS") is { } latency)
        {
            options = options with
            {
                Latency = int.TryParse(latency, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
                    ? TimeSpan.FromMilliseconds(ms)
                    : throw new FormatException($"VERIFY_SANDBOX_LATENCY_MS: expected a whole number of milliseconds, found '{latency}'."),
            };
        }

        if (Value(environment, "VERIFY_SANDBOX_DENY") is { } denied)
        {
            options = options with { DeniedActions = denied.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) };
        }

        if (Value(environment, "VERIFY_SANDBOX_EXPIRED") is { } expired)
        {
            options = options with
            {
                CredentialsExpired = bool.TryParse(expired, out var flag) ? flag
                    : throw new FormatException($"VERIFY_SANDBOX_EXPIRED: expected true or false, found '{expired}'."),
            };
        }

        return options;
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
