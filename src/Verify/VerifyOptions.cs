namespace Verification.Verify;

/// <summary>A command line that cannot be used, with one message saying why.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>What <c>verify</c> was asked to do.</summary>
public sealed record VerifyOptions
{
    public List<string> Outputs { get; init; } = [];
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public string Mode { get; init; } = "gate";
    public string? Scenario { get; init; }
    public string? Thresholds { get; init; }
    public string? Waivers { get; init; }
    public string Out { get; init; } = "reports/verify";
    public string? Previous { get; init; }
    public string? SignKey { get; init; }
    public string? PublicKey { get; init; }
    public string? CheckEvidence { get; init; }

    /// <summary>Whether the Connectivity suite runs; null means the mode decides (audit and sandbox: yes; gate: no).</summary>
    public bool? Connectivity { get; init; }

    public string? Owner { get; init; }
    public bool Pdf { get; init; }
    public bool NoBuild { get; init; }
    public bool NoAllure { get; init; }
    public bool Help { get; init; }

    public bool ConnectivityInScope => Connectivity ?? Mode is "audit" or "sandbox";

    public const string Usage = """
        verify — prove a deployed HIPAA stack is configured and reachable as required; write CI, Allure and audit evidence.

        Usage: verify [--outputs FILE]... [--mode gate|audit|sandbox] [options]
               verify --check-evidence FOLDER [--public-key KEY.pem]

        What to check
          --outputs FILE        stack outputs (Terraform, CDKTF, Pulumi, CloudFormation); repeat for several stacks
          --region R            AWS region (default: outputs' ARNs, AWS_REGION, profile)
          --profile P           AWS profile (default: the SDK's chain: env, OIDC web identity, ~/.aws)
          --mode M              gate (configuration, after deploy), audit (+ data path), sandbox (local simulated
                                stack; starts sandbox/servers) — selects runsettings/<mode>.runsettings
          --scenario NAME       sandbox scenario (default compliant-rds; see src/Sandbox/Scenarios)
          --connectivity on|off data-path (TLS) checks; default on for audit and sandbox, off for gate
          --thresholds FILE     JSON of policy values, e.g. {"MinLogRetentionDays": 90, "FailOn": "Medium"}
          --waivers FILE        waivers (control, resource pattern, justification, expiry, approver)

        What to write (under --out, default reports/verify)
          junit/*.xml, trx/*.trx   one test case per control; failures say resource, observed, expected, fix
          evidence/ + evidence.zip evidence.json, snapshot.json, evidence.html, manifest.sha256 (+ .sig)
          allure-results/          Allure results; allure-report/index.html when Allure is installed
                                   (bash scripts/install-allure.sh), one file that opens from disk
          --previous DIR        an earlier --out folder: drift at the top of the evidence, Allure history
          --sign-key KEY.pem    sign the manifest (ECDSA or RSA private key, PEM); unsigned otherwise
          --pdf                 also print evidence.pdf with headless Chromium
          --owner NAME          Allure owner label
          --no-build            reuse the test projects' last build;  --no-allure  skip the Allure HTML

        Checking a bundle
          --check-evidence DIR  verify the manifest, the signature (with --public-key, or the bundled key) and
                                re-evaluate the snapshot offline: exit 0 identical, 1 differs or tampered

        Exit: 0 compliant (warnings and waived controls pass) · 1 a gating control or data-path check failed ·
              2 something could not be evaluated (bad outputs, no credentials, access denied, unreachable).
              The summary lists failures and errors whatever the code.
        """;

    public static VerifyOptions Parse(IReadOnlyList<string> args)
    {
        var options = new VerifyOptions();
        var outputs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{arg} needs a value.");
            options = arg switch
            {
                "-h" or "--help" => options with { Help = true },
                "--outputs" => AddOutputs(options, outputs, Value()),
                "--region" => options with { Region = Value() },
                "--profile" => options with { Profile = Value() },
                "--mode" => options with { Mode = Value() is var m && m is "gate" or "audit" or "sandbox" ? m : throw new UsageException($"--mode: expected gate, audit or sandbox, found '{m}'.") },
                "--scenario" => options with { Scenario = Value() },
                "--connectivity" => options with { Connectivity = Value() switch { "on" => true, "off" => false, var v => throw new UsageException($"--connectivity: expected on or off, found '{v}'.") } },
                "--thresholds" => options with { Thresholds = Value() },
                "--waivers" => options with { Waivers = Value() },
                "--out" => options with { Out = Value() },
                "--previous" => options with { Previous = Value() },
                "--sign-key" => options with { SignKey = Value() },
                "--public-key" => options with { PublicKey = Value() },
                "--check-evidence" => options with { CheckEvidence = Value() },
                "--owner" => options with { Owner = Value() },
                "--pdf" => options with { Pdf = true },
                "--no-build" => options with { NoBuild = true },
                "--no-allure" => options with { NoAllure = true },
                _ => throw new UsageException($"Unknown option '{arg}'. Run verify --help."),
            };
        }

        return options with { Outputs = outputs };
    }

    private static VerifyOptions AddOutputs(VerifyOptions options, List<string> outputs, string value)
    {
        outputs.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return options;
    }
}
