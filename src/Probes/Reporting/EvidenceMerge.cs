using System.Text.RegularExpressions;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>One bundle given to <c>verify merge</c>: its folder, and the account name to file it under when the bundle's own name is not unique.</summary>
/// <param name="Folder">A verify --out folder (holding evidence/) or the evidence/ folder itself.</param>
/// <param name="AccountName">Replaces the name of the bundle's one account (three sandbox runs are all 123456789012); null keeps it.</param>
public sealed record MergeInput(string Folder, string? AccountName = null);

/// <summary>A snapshot to copy from an input bundle into the merged one, under <see cref="StackEvidence.SnapshotFile"/>.</summary>
public sealed record SnapshotCopy(string Source, string Target);

/// <summary>The organisation report: one document over every input, and the snapshots it names.</summary>
public sealed record MergedEvidence(EvidenceDocument Evidence, IReadOnlyList<SnapshotCopy> Snapshots);

/// <summary>Why a merge made no report: one sentence per refused input, each naming its folder.</summary>
public sealed class MergeRefusedException(IReadOnlyList<string> reasons)
    : Exception($"{reasons.Count} input bundle(s) refused: " + string.Join(" ", reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// Merges per-account evidence bundles (one CI matrix job each) into one organisation report. Every input must check
/// out against the pinned key first: a merged report vouches for its inputs, so it refuses rather than leave one out.
/// </summary>
public static partial class EvidenceMerge
{
    /// <summary>Where merged snapshots go, one folder per account.</summary>
    public const string SnapshotFolder = "snapshots";

    /// <summary>The evidence/ folder of a verify --out folder, or the folder itself when it is a bundle.</summary>
    public static string BundleFolder(string folder)
    {
        var nested = Path.Combine(folder, "evidence");
        return File.Exists(Path.Combine(nested, EvidenceBundle.EvidenceFile)) ? nested : folder;
    }

    /// <summary>
    /// Checks every input against <paramref name="pinned"/> and merges them; throws <see cref="MergeRefusedException"/>
    /// naming each input that is not a verified bundle, is given twice, or reuses another's account name.
    /// </summary>
    /// <param name="time">The merge's own time (<see cref="RunInfo.MergedAt"/>); the run's times are the inputs'.</param>
    /// <param name="previous">An earlier merged evidence.json, for drift.</param>
    public static MergedEvidence Merge(IReadOnlyList<MergeInput> inputs, PinnedKey pinned, ToolInfo tool, SignatureInfo signature, TimeProvider time, EvidenceDocument? previous = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(time);
        if (inputs.Count == 0)
        {
            throw new MergeRefusedException(["no input bundle was given; pass one folder per account's run."]);
        }

        var verified = Verify(inputs, pinned);
        var evidence = Combine(verified, tool, signature, time.GetUtcNow(), out var snapshots);
        return new MergedEvidence(previous is null ? evidence : evidence with { Drift = Drift.Compare(previous, evidence) }, snapshots);
    }

    /// <summary>An input that checked out: where it is, what it says, and what vouches for it.</summary>
    private sealed record VerifiedInput(MergeInput Input, string Folder, EvidenceDocument Evidence, string ManifestSha256, string? SignerSha256, List<AccountEvidence> Accounts)
    {
        /// <summary>The account's name in its bundle, when NAME= replaced it.</summary>
        public string? RenamedFrom { get; init; }
    }

    private static List<VerifiedInput> Verify(IReadOnlyList<MergeInput> inputs, PinnedKey pinned)
    {
        var refusals = new List<string>();
        var verified = new List<VerifiedInput>();
        foreach (var input in inputs)
        {
            var folder = BundleFolder(input.Folder);
            if (!File.Exists(Path.Combine(folder, EvidenceBundle.EvidenceFile)))
            {
                refusals.Add($"{input.Folder}: not an evidence bundle (no {EvidenceBundle.EvidenceFile}); give a verify --out folder or its evidence/ folder.");
                continue;
            }

            var report = EvidenceCheck.CheckPinned(folder, pinned);
            if (report.Verdict != EvidenceVerdict.Verified)
            {
                refusals.Add($"{input.Folder}: {Why(report)}");
                continue;
            }

            var evidence = ReportJson.Load<EvidenceDocument>(Path.Combine(folder, EvidenceBundle.EvidenceFile));
            var accounts = AccountsOf(evidence);
            string? renamedFrom = null;
            if (input.AccountName is { } name)
            {
                if (accounts.Count != 1)
                {
                    refusals.Add($"{input.Folder}: NAME= renames a bundle's one account, but this bundle has {accounts.Count} ({string.Join(", ", accounts.Select(a => a.Name))}); name them in its inventory instead.");
                    continue;
                }

                renamedFrom = accounts[0].Name;
                accounts = [accounts[0] with { Name = name }];
                evidence = evidence with { Stacks = [.. evidence.Stacks.Select(s => s with { Account = name })] };
            }

            var signer = pinned.PublicKeyPem is { } pem ? ManifestSignature.Fingerprint(pem) : pinned.Sha256!.Trim().Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
            verified.Add(new VerifiedInput(input, folder, evidence, Manifest.Sha256Of(Path.Combine(folder, Manifest.FileName)), signer, accounts) { RenamedFrom = renamedFrom });
        }

        foreach (var twice in verified.GroupBy(v => v.ManifestSha256, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            refusals.Add($"{string.Join(" and ", twice.Select(v => v.Input.Folder))}: the same bundle (manifest SHA-256 {twice.Key}) given {twice.Count()} times; give each account's bundle once.");
        }

        foreach (var twice in verified.Where(v => verified.Count(w => w.ManifestSha256 == v.ManifestSha256) == 1)
            .SelectMany(v => v.Accounts.Select(a => (a.Name, v.Input.Folder))).GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            refusals.Add($"{string.Join(" and ", twice.Select(a => a.Folder).Distinct())}: account name '{twice.Key}' appears in more than one bundle; " +
                "name accounts uniquely (the inventory's \"name\", or NAME=FOLDER on the merge command line), since the report groups by it.");
        }

        return refusals.Count > 0 ? throw new MergeRefusedException(refusals) : verified;
    }

    /// <summary>One sentence on why a bundle did not check out, in the order an auditor would fix it.</summary>
    private static string Why(EvidenceCheckReport report)
    {
        var why = new List<string>();
        if (report.ManifestProblems.Count > 0)
        {
            why.Add($"changed after it was written ({string.Join(" ", report.ManifestProblems.Take(3))}{(report.ManifestProblems.Count > 3 ? $" and {report.ManifestProblems.Count - 3} more" : "")})");
        }

        why.Add(report.Signature switch
        {
            SignatureStatus.Verified => "",
            SignatureStatus.Unsigned or SignatureStatus.MissingSignature =>
                "UNSIGNED, so nothing shows who wrote it; sign each job's bundle (verify --sign-key PEM or --sign-kms-key ARN)",
            SignatureStatus.Inconsistent => $"signature fields contradict the bundle ({report.SignatureDetail})",
            SignatureStatus.VerifiedWithBundledKey => "signed only by the key it carries",
            _ => "signature INVALID against the pinned key (signed by another key, or the manifest changed after signing)",
        });
        if (report.VerdictDifferences.Count > 0)
        {
            why.Add($"re-evaluation differs from its recorded verdicts ({string.Join(" ", report.VerdictDifferences.Take(3))}{(report.VerdictDifferences.Count > 3 ? $" and {report.VerdictDifferences.Count - 3} more" : "")})");
        }

        return "refused: " + string.Join("; ", why.Where(w => w.Length > 0)) + ".";
    }

    /// <summary>The bundle's accounts; a bundle written before accounts were recorded is one account made of its run.</summary>
    private static List<AccountEvidence> AccountsOf(EvidenceDocument evidence) => evidence.Accounts.Count > 0 ? evidence.Accounts :
    [
        new AccountEvidence
        {
            Name = evidence.Stacks.Select(s => s.Account).FirstOrDefault(a => a.Length > 0 && a != "default") ?? evidence.Run.AccountId ?? "default",
            AccountId = evidence.Run.AccountId,
            Region = evidence.Run.Region ?? "",
            Outcome = evidence.Run.Outcome,
            Error = evidence.Run.Errors.Count > 0 && evidence.Controls.Count == 0 ? string.Join(" ", evidence.Run.Errors) : null,
            Stacks = [.. Enumerable.Range(0, evidence.Stacks.Count)],
        },
    ];

    private static EvidenceDocument Combine(List<VerifiedInput> inputs, ToolInfo tool, SignatureInfo signature, DateTimeOffset mergedAt, out List<SnapshotCopy> snapshots)
    {
        var thresholds = inputs[0].Evidence.Thresholds;
        var accounts = new List<AccountEvidence>();
        var stacks = new List<StackEvidence>();
        var controls = new List<ControlEvidence>();
        var connectivity = new List<ConnectivityCheck>();
        var endpoints = new SortedDictionary<string, Aws.EndpointUse>(StringComparer.Ordinal);
        var copies = new List<SnapshotCopy>();
        foreach (var input in inputs)
        {
            var evidence = input.Evidence;
            var offset = stacks.Count;
            var source = new MergedInput
            {
                Bundle = input.Input.Folder,
                ManifestSha256 = input.ManifestSha256,
                SignerPublicKeySha256 = input.SignerSha256,
                StartedAt = evidence.Run.StartedAt,
                FinishedAt = evidence.Run.FinishedAt,
                Mode = evidence.Run.Mode,
                SandboxScenario = evidence.Run.SandboxScenario,
                CallerArn = evidence.Run.CallerArn,
                AccountNameInBundle = input.RenamedFrom,
            };
            accounts.AddRange(input.Accounts.Select(a => a with { Stacks = [.. a.Stacks.Select(i => i + offset)], Source = source }));
            var own = evidence.Thresholds;
            foreach (var stack in evidence.Stacks)
            {
                var name = stack.Account.Length > 0 ? stack.Account : input.Accounts[0].Name;
                // Only the file name is kept: a path in evidence.json must not place a file outside the merged bundle.
                var target = UniqueSnapshotName(name, Path.GetFileName(stack.SnapshotFile), copies);
                copies.Add(new SnapshotCopy(Path.Combine(input.Folder, stack.SnapshotFile), target));
                var judgedBy = stack.Thresholds ?? own;
                stacks.Add(stack with { Account = name, SnapshotFile = target, Thresholds = Same(judgedBy, thresholds) ? null : judgedBy });
            }

            controls.AddRange(evidence.Controls.Select(c => c with { Stack = c.Stack + offset }));
            connectivity.AddRange(evidence.Connectivity.Select(c => c with { Stack = c.Stack + offset }));
            foreach (var (prefix, use) in evidence.Run.Endpoints)
            {
                // Jobs may reach AWS differently; a second, different endpoint for a service is kept under its account's name.
                if (!endpoints.TryAdd(prefix, use) && endpoints[prefix] != use)
                {
                    endpoints[$"{input.Accounts[0].Name} {prefix}"] = use;
                }
            }
        }

        snapshots = copies;
        var runs = inputs.Select(i => i.Evidence.Run).ToList();
        var outcome = Worst(runs.Select(r => r.Outcome));
        return new EvidenceDocument
        {
            Tool = tool,
            Run = new RunInfo
            {
                Mode = "merge",
                StartedAt = runs.Min(r => r.StartedAt),
                FinishedAt = runs.Max(r => r.FinishedAt),
                MergedAt = mergedAt,
                Region = OneOrNone(runs.Select(r => r.Region)),
                AccountId = OneOrNone(accounts.Select(a => a.AccountId)),
                CallerArn = OneOrNone(runs.Select(r => r.CallerArn)),
                Outcome = outcome,
                ExitCode = Gate.ExitCode(outcome),
                Endpoints = endpoints,
                Errors = [.. inputs.SelectMany(i => i.Evidence.Run.Errors.Select(e => Prefixed(e, i.Accounts)))],
            },
            PolicyDeviations = [.. inputs.SelectMany(i => i.Evidence.PolicyDeviations).Distinct()],
            Thresholds = thresholds,
            WaiversFile = inputs.Select(i => i.Evidence.WaiversFile).OfType<string>().Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } files ? string.Join("; ", files) : null,
            Waivers = [.. inputs.SelectMany(i => i.Evidence.Waivers).DistinctBy(ReportJson.Serialize)],
            Accounts = accounts,
            Stacks = stacks,
            Controls = controls,
            ConnectivityInScope = inputs.Any(i => i.Evidence.ConnectivityInScope),
            Connectivity = connectivity,
            Counts = VerdictCounts.Of(controls, connectivity),
            Signature = signature,
        };
    }

    /// <summary>NonCompliant beats CouldNotEvaluate beats Compliant, as <see cref="Gate.Outcome"/> ranks one run's verdicts.</summary>
    public static RunOutcome Worst(IEnumerable<RunOutcome> outcomes)
    {
        var all = outcomes.ToList();
        return all.Contains(RunOutcome.NonCompliant) ? RunOutcome.NonCompliant
            : all.Contains(RunOutcome.CouldNotEvaluate) ? RunOutcome.CouldNotEvaluate
            : RunOutcome.Compliant;
    }

    /// <summary>An input's error with the account it is about in front, unless the run already put it there ("Account prod: ...").</summary>
    private static string Prefixed(string error, List<AccountEvidence> accounts) =>
        accounts.Any(a => error.StartsWith($"Account {a.Name}: ", StringComparison.Ordinal)) ? error : $"{string.Join(", ", accounts.Select(a => a.Name))}: {error}";

    /// <summary>snapshots/ACCOUNT/FILE, with the account made safe for a path and kept apart from any name already used.</summary>
    private static string UniqueSnapshotName(string account, string file, List<SnapshotCopy> taken)
    {
        var folder = UnsafeInPath().Replace(account, "_") is var safe && safe.Trim('.').Length > 0 ? safe : "_";
        var name = $"{SnapshotFolder}/{folder}/{file}";
        for (var n = 2; taken.Any(t => t.Target == name); n++)
        {
            name = $"{SnapshotFolder}/{folder}-{n}/{file}";
        }

        return name;
    }

    // Policy holds lists, whose record equality is by reference; the JSON is what a check reads back.
    private static bool Same(Policy a, Policy b) => ReportJson.Serialize(a) == ReportJson.Serialize(b);

    private static string? OneOrNone(IEnumerable<string?> values) =>
        values.Distinct(StringComparer.Ordinal).ToList() is [var one] ? one : null;

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeInPath();
}
