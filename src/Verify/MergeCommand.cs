using System.Diagnostics;
using System.Text.RegularExpressions;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;

namespace Verification.Verify;

/// <summary>What <c>verify merge</c> was asked to do.</summary>
internal sealed record MergeOptions
{
    /// <summary>The input bundles as given: FOLDER, or NAME=FOLDER to file a bundle's one account under NAME.</summary>
    public List<string> Bundles { get; init; } = [];
    public string Out { get; init; } = "";
    public string? PublicKey { get; init; }
    public string? PublicKeySha256 { get; init; }
    public string? KmsVerify { get; init; }
    public string? SignKey { get; init; }
    public string? SignKmsKey { get; init; }
    public string? Previous { get; init; }
    public string? Owner { get; init; }
    public bool NoAllure { get; init; }
}

/// <summary>
/// <c>verify merge BUNDLE... --out DIR</c>: one organisation report from per-account bundles (a CI matrix), written only
/// when every input is intact, signed by the pinned key and re-evaluates identically. Exit: the merged outcome (0/1/2),
/// or 2 when an input is refused or the command line is wrong.
/// </summary>
internal static partial class MergeCommand
{
    public const string Help = "merge signed bundles into one organisation report; each must verify\n" +
        "against the pinned key first. BUNDLE: an --out folder or its evidence/;\n" +
        "NAME=BUNDLE names its account.\n" +
        "Exit: the merged outcome (0/1/2); 2 also when an input is refused.";

    public static async Task<int> RunAsync(MergeOptions options, string root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        try
        {
            var pinned = await PinnedAsync(options, cancellationToken).ConfigureAwait(false);
            var signer = await SignerAsync(options, cancellationToken).ConfigureAwait(false);
            var inputs = options.Bundles.Select(Input).ToList();
            Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0}s] verifying {inputs.Count} input bundles against the pinned key");
            MergedEvidence merged;
            try
            {
                merged = EvidenceMerge.Merge(inputs, pinned, new ToolInfo { Version = Repository.ToolVersion(), GitCommit = Repository.GitCommit(root) },
                    EvidenceBundle.Describe(signer), TimeProvider.System, EvidenceKeys.Previous(options.Previous));
            }
            catch (MergeRefusedException e)
            {
                Console.Error.WriteLine($"verify merge: refused; nothing was written. {e.Reasons.Count} problem(s):");
                foreach (var reason in e.Reasons)
                {
                    Console.Error.WriteLine($"verify merge: {reason}");
                }

                return 2;
            }

            var evidence = merged.Evidence;
            var settings = new VerifyOptions { Mode = "merge", Out = options.Out, Previous = options.Previous, Owner = options.Owner, NoAllure = options.NoAllure };
            var output = Path.GetFullPath(options.Out);
            var written = await new ReportFiles(output, settings, root).WriteAsync(evidence, bundle => EvidenceBundle.WriteMerged(bundle, evidence, merged.Snapshots), signer,
                what => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0}s] {what}"), cancellationToken).ConfigureAwait(false);
            Summary(evidence, written, clock.Elapsed);
            return evidence.Run.ExitCode;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"verify merge: {e.Message}");
            return 2;
        }
    }

    /// <summary>NAME=FOLDER names the bundle's account; a folder that exists is a folder even if its name holds '='.</summary>
    private static MergeInput Input(string argument) =>
        !Directory.Exists(argument) && Named().Match(argument) is { Success: true } named
            ? new MergeInput(named.Groups["folder"].Value, named.Groups["name"].Value)
            : new MergeInput(argument);

    private static async Task<PinnedKey> PinnedAsync(MergeOptions options, CancellationToken cancellationToken) =>
        await EvidenceKeys.PinnedAsync(options.PublicKey, options.PublicKeySha256, options.KmsVerify, cancellationToken).ConfigureAwait(false)
        ?? throw new UsageException("pass the key every input must be signed with: --public-key PEM, --public-key-sha256 HEX or --kms-verify ARN. " +
            "A merged report vouches for its inputs, so unsigned or unpinned bundles are not merged.");

    private static async Task<ManifestSigner?> SignerAsync(MergeOptions options, CancellationToken cancellationToken) =>
        await EvidenceKeys.PemSignerAsync(options.SignKey, options.SignKmsKey, cancellationToken).ConfigureAwait(false)
        ?? (options.SignKmsKey is { } kms ? await KmsSigning.SignerAsync(kms, null, null, new RunSettings(), null, cancellationToken).ConfigureAwait(false) : null);

    private static void Summary(EvidenceDocument evidence, WrittenReports reports, TimeSpan elapsed)
    {
        var c = evidence.Counts;
        Console.WriteLine();
        Console.WriteLine($"{ConsoleSummary.Outcome(evidence.Run.Outcome)} (exit {evidence.Run.ExitCode}) — merged {evidence.Accounts.Count} accounts, {evidence.Stacks.Count} stacks, " +
            $"{c.Total} controls ({c.Passed} passed, {c.Failed} failed, {c.CouldNotEvaluate} could not evaluate) in {elapsed.TotalSeconds:0.0} s");
        foreach (var account in evidence.Accounts)
        {
            Console.WriteLine($"  {account.Name,-20} {ConsoleSummary.Outcome(account.Outcome),-20} {account.Stacks.Count} stack(s)  from {account.Source?.Bundle}" +
                (account.Error is { } error ? $"  ({error})" : ""));
        }

        if (evidence.Drift is { } drift)
        {
            Console.WriteLine(drift.IsEmpty ? "Drift: nothing changed since the previous merged report."
                : $"Drift: {drift.NewFailures.Count} new failures, {drift.FixedFailures.Count} fixed, {drift.ChangedValues.Count} changed values ({string.Join(", ", drift.ChangedControls)}).");
        }

        Console.WriteLine("Reports:");
        Console.WriteLine($"  Evidence {reports.Bundle} (+ {Path.GetFileName(reports.Zip)}){(evidence.Signature.Signed ? ", signed" : ", UNSIGNED")}");
        Console.WriteLine($"  HTML     {Path.Combine(reports.Bundle, EvidenceBundle.HtmlFile)}");
        Console.WriteLine($"  JUnit    {reports.Junit}");
        Console.WriteLine($"  Allure   {reports.AllureReport ?? reports.AllureResults}");
    }

    [GeneratedRegex("^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)=(?<folder>.+)$")]
    private static partial Regex Named();
}
