using Verification.Probes.Connectivity;
using Verification.Probes.Runs;

namespace Verification.Verify;

/// <summary>
/// The settings of one verify run, layered as <c>dotnet test</c> layers them: runsettings/&lt;mode&gt;.runsettings,
/// then VERIFY_* environment variables, then the command line (which wins).
/// </summary>
internal sealed record RunConfiguration(RunSettings Run, ConnectivitySettings? DataPath)
{
    public static RunConfiguration From(VerifyOptions options, string root)
    {
        var file = Path.Combine(root, "runsettings", options.SettingsFile);
        var parameters = RunSettingsFile.Parameters(file);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VERIFY_MODE"] = options.Mode,
            ["VERIFY_CONNECTIVITY_IN_SCOPE"] = options.ConnectivityInScope ? "true" : "false",
        };
        if (options.Outputs.Count > 0)
        {
            overrides["VERIFY_OUTPUTS"] = string.Join(';', options.Outputs.Select(Path.GetFullPath));
        }

        if (options.Inventory is not null && options.Outputs.Count > 0)
        {
            throw new SettingsException("--inventory and --outputs: the inventory lists every account's outputs; pass one or the other.");
        }

        Set(overrides, "VERIFY_INVENTORY", options.Inventory is null ? null : Path.GetFullPath(options.Inventory));
        Set(overrides, "VERIFY_ROLE_ARNS", options.RoleArns.Count == 0 ? null : string.Join(';', options.RoleArns));
        Set(overrides, "VERIFY_EXTERNAL_ID", options.ExternalId);
        Set(overrides, "VERIFY_REGION", options.Region);
        Set(overrides, "VERIFY_ALLOW_INSECURE_ENDPOINT", options.AllowInsecureEndpoint ? "true" : null);
        Set(overrides, "VERIFY_PROFILE", options.Profile);
        Set(overrides, "VERIFY_WAIVERS", options.Waivers is null ? null : Path.GetFullPath(options.Waivers));
        Set(overrides, "VERIFY_SANDBOX_SCENARIO", options.Mode == "sandbox" ? options.Scenario ?? System.Environment.GetEnvironmentVariable("VERIFY_SANDBOX_SCENARIO") ?? "compliant-rds" : options.Scenario);
        if (options.Thresholds is { } thresholds)
        {
            foreach (var (name, value) in Thresholds.Read(thresholds))
            {
                overrides["VERIFY_" + RunSettings.UpperSnake(name)] = value;
            }
        }

        string? Environment(string name) => overrides.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name);
        string? Parameter(string name) => parameters.GetValueOrDefault(name);
        RunSettings.RejectUnknown(parameters.Keys, ConnectivitySettings.Known);
        var run = RunSettings.Read(Parameter, Environment, root);
        var dataPath = ConnectivitySettings.Read(Parameter, Environment, root);
        return new RunConfiguration(run, dataPath.InScope ? dataPath : null);
    }

    private static void Set(Dictionary<string, string> overrides, string name, string? value)
    {
        if (value is not null)
        {
            overrides[name] = value;
        }
    }
}
