using System.CommandLine;

namespace Verification.Verify;

/// <summary>A command line that cannot be used, with one message saying why.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>verify's command line: the run (default), <c>check-evidence</c>, and their options.</summary>
internal static class CommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var outputs = new Option<string[]>("--outputs") { Description = "stack outputs (Terraform, CDKTF, Pulumi, CloudFormation); repeat per stack", AllowMultipleArgumentsPerToken = false };
        var inventory = new Option<string?>("--inventory") { Description = "accounts: name, roleArn, externalId, outputs (docs/multi-account.md)", HelpName = "FILE" };
        var roleArn = new Option<string[]>("--role-arn") { Description = "role to assume for the Nth --outputs (one: for all)", HelpName = "ARN", AllowMultipleArgumentsPerToken = false };
        var externalId = new Option<string?>("--external-id") { Description = "the external id the --role-arn trust asks for", HelpName = "ID" };
        var region = new Option<string?>("--region") { Description = "AWS region (default: outputs' ARNs, AWS_REGION, profile)" };
        var profile = new Option<string?>("--profile") { Description = "AWS profile (default: the SDK's chain: env, OIDC web identity, ~/.aws)" };
        var mode = new Option<string>("--mode") { Description = "gate: configuration; audit: + data path; sandbox: local stack", DefaultValueFactory = _ => "gate" };
        mode.AcceptOnlyFromAmong("gate", "audit", "sandbox");
        var scenario = new Option<string?>("--scenario") { Description = "sandbox scenario (default compliant-rds; see src/Sandbox/Scenarios)" };
        var connectivity = new Option<string?>("--connectivity") { Description = "on|off: data-path (TLS) checks; default on for audit and sandbox" };
        connectivity.AcceptOnlyFromAmong("on", "off");
        var thresholds = new Option<string?>("--thresholds") { Description = "JSON of policy values, e.g. {\"MinLogRetentionDays\": 90}" };
        var waivers = new Option<string?>("--waivers") { Description = "waivers file (control, resource, justification, expiry, approver)" };
        var output = new Option<string>("--out") { Description = "reports: junit/, evidence/ (+ .zip), allure-results/", DefaultValueFactory = _ => "reports/verify" };
        var previous = new Option<string?>("--previous") { Description = "an earlier --out folder: drift at the top, Allure history" };
        var signKey = new Option<string?>("--sign-key") { Description = "sign the manifest with this ECDSA or RSA private key (PEM)" };
        var pdf = new Option<bool>("--pdf") { Description = "also print evidence.pdf with headless Chromium" };
        var owner = new Option<string?>("--owner") { Description = "Allure owner label" };
        var noAllure = new Option<bool>("--no-allure") { Description = "skip the Allure HTML (allure-results are still written)" };
        var noBuild = new Option<bool>("--no-build") { Description = "accepted for older scripts; verify no longer builds anything", Hidden = true };
        var checkEvidence = new Option<string?>("--check-evidence") { Description = "same as `verify check-evidence DIR`" };
        var publicKey = new Option<string?>("--public-key") { Description = "check-evidence: the signer's public key (PEM), held outside the bundle", HelpName = "PEM" };
        var publicKeySha256 = new Option<string?>("--public-key-sha256") { Description = "check-evidence: pin the bundled key by its SHA-256 (evidence.json)", HelpName = "HEX" };
        var kmsVerify = new Option<string?>("--kms-verify") { Description = "check-evidence: verify against this KMS key's public key (GetPublicKey)", HelpName = "ARN" };
        var signKmsKey = new Option<string?>("--sign-kms-key") { Description = "sign the manifest with kms:Sign (ECC_NIST_P256 or RSA_2048 key)", HelpName = "ARN" };
        var allowInsecureEndpoint = new Option<bool>("--allow-insecure-endpoint") { Description = "allow http:// AWS_ENDPOINT_URL outside sandbox (a policy deviation)" };

        var folder = new Argument<string>("folder") { Description = "an evidence folder (the evidence/ under --out)" };
        var check = new Command("check-evidence", "check manifest, signature against a pinned key, offline re-evaluation.\n" + EvidenceCommand.ExitCodes) { folder, publicKey, publicKeySha256, kmsVerify };
        check.SetAction((result, cancellationToken) => EvidenceCommand.RunAsync(result.GetValue(folder)!, result.GetValue(publicKey), result.GetValue(publicKeySha256), result.GetValue(kmsVerify), cancellationToken));

        var bundles = new Argument<string[]>("bundles") { Description = "one bundle per account: a verify --out folder or its evidence/; NAME=FOLDER names its account", Arity = ArgumentArity.OneOrMore };
        var mergeOut = new Option<string>("--out") { Description = "the organisation report: evidence/ (+ .zip), junit/, allure-results/", Required = true };
        var merge = new Command("merge", MergeCommand.Help) { bundles, mergeOut, publicKey, publicKeySha256, kmsVerify, signKey, signKmsKey, previous, owner, noAllure };
        merge.SetAction((result, cancellationToken) => MergeCommand.RunAsync(new MergeOptions
        {
            Bundles = [.. result.GetValue(bundles) ?? []], Out = result.GetValue(mergeOut)!, PublicKey = result.GetValue(publicKey), PublicKeySha256 = result.GetValue(publicKeySha256),
            KmsVerify = result.GetValue(kmsVerify), SignKey = result.GetValue(signKey), SignKmsKey = result.GetValue(signKmsKey), Previous = result.GetValue(previous),
            Owner = result.GetValue(owner), NoAllure = result.GetValue(noAllure),
        }, Repository.Root(), cancellationToken));

        var root = new RootCommand("verify: prove a deployed HIPAA stack is configured and reachable; write CI, Allure and audit evidence.\n" +
            "Exit: 0 compliant · 1 a gating control or data-path check failed · 2 something could not be evaluated.\n" + EvidenceCommand.ExitCodes)
        {
            outputs, inventory, roleArn, externalId, region, profile, mode, scenario, connectivity, thresholds, waivers, output, previous, signKey, signKmsKey, allowInsecureEndpoint, pdf, owner, noAllure, noBuild,
            checkEvidence, publicKey, publicKeySha256, kmsVerify, check, merge,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(checkEvidence) is { } evidence)
            {
                return await EvidenceCommand.RunAsync(evidence, result.GetValue(publicKey), result.GetValue(publicKeySha256), result.GetValue(kmsVerify), cancellationToken).ConfigureAwait(false);
            }

            var options = new VerifyOptions
            {
                Outputs = [.. (result.GetValue(outputs) ?? []).SelectMany(o => o.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Inventory = result.GetValue(inventory),
                RoleArns = [.. result.GetValue(roleArn) ?? []],
                ExternalId = result.GetValue(externalId),
                Region = result.GetValue(region),
                Profile = result.GetValue(profile),
                Mode = result.GetValue(mode)!,
                Scenario = result.GetValue(scenario),
                Connectivity = result.GetValue(connectivity) switch { "on" => true, "off" => false, _ => null },
                Thresholds = result.GetValue(thresholds),
                Waivers = result.GetValue(waivers),
                Out = result.GetValue(output)!,
                Previous = result.GetValue(previous),
                SignKey = result.GetValue(signKey),
                SignKmsKey = result.GetValue(signKmsKey),
                AllowInsecureEndpoint = result.GetValue(allowInsecureEndpoint),
                Pdf = result.GetValue(pdf),
                Owner = result.GetValue(owner),
                NoAllure = result.GetValue(noAllure),
            };
            try
            {
                return await new VerifyRun(options, Repository.Root()).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"verify: {e.Message}");
                return 2;
            }
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line per problem and the usual exit for "could not evaluate", instead of the parser's help dump.
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"verify: {error.Message} Run verify --help.");
            }

            return 2;
        }

        // Exceptions reach Program, which turns them into one line and exit 2; the parser's handler would print a stack trace and exit 1.
        return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    }
}

/// <summary>What <c>verify</c> was asked to do.</summary>
internal sealed record VerifyOptions
{
    public List<string> Outputs { get; init; } = [];

    /// <summary>The inventory of accounts (instead of --outputs).</summary>
    public string? Inventory { get; init; }

    /// <summary>Roles to assume for the --outputs files, by position.</summary>
    public List<string> RoleArns { get; init; } = [];
    public string? ExternalId { get; init; }
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public string Mode { get; init; } = "gate";
    public string? Scenario { get; init; }
    public string? Thresholds { get; init; }
    public string? Waivers { get; init; }
    public string Out { get; init; } = "reports/verify";
    public string? Previous { get; init; }
    public string? SignKey { get; init; }

    /// <summary>The KMS asymmetric key that signs the manifest (kms:Sign), instead of a PEM file.</summary>
    public string? SignKmsKey { get; init; }

    /// <summary>Whether AWS_ENDPOINT_URL may be plain http outside sandbox mode.</summary>
    public bool AllowInsecureEndpoint { get; init; }

    /// <summary>Whether the data-path checks run; null means the mode decides (audit and sandbox: yes; gate: no).</summary>
    public bool? Connectivity { get; init; }

    public string? Owner { get; init; }
    public bool Pdf { get; init; }
    public bool NoAllure { get; init; }

    // A sandbox organisation has several stacks while the local TLS servers stand in for one: its data path would only
    // report that the probes cannot tell the stacks apart, so it is asked for explicitly there.
    public bool ConnectivityInScope => Connectivity ?? (Mode is "audit" || (Mode is "sandbox" && Inventory is null));

    /// <summary>The runsettings file the mode selects.</summary>
    public string SettingsFile => Mode switch { "gate" => "ci-gate", var m => m } + ".runsettings";
}
