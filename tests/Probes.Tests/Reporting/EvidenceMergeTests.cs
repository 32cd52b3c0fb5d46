using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;

namespace Verification.Probes.Tests.Reporting;

public sealed class EvidenceMergeTests
{
    private static readonly DateTimeOffset MergedAt = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    private static readonly string Key = Bundles.EcdsaKey();
    private static readonly PinnedKey Pinned = new(Bundles.PublicKeyOf(Key));

    [Test]
    public async Task Three_signed_bundles_merge_into_one_bundle_that_verifies_against_the_pinned_key()
    {
        var inputs = await ThreeAccounts();

        var merged = Merge(inputs);
        var bundle = await SealAsync(merged);
        var report = EvidenceCheck.CheckPinned(bundle, Pinned);
        var evidence = merged.Evidence;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Verdict, Is.EqualTo(EvidenceVerdict.Verified), string.Join(" ", report.ManifestProblems.Concat(report.VerdictDifferences)));
            Assert.That(report.ControlsReevaluated, Is.GreaterThan(0));
            Assert.That(evidence.Accounts.Select(a => (a.Name, a.Outcome)), Is.EqualTo(new[]
            {
                ("prod", RunOutcome.Compliant), ("dev", RunOutcome.NonCompliant), ("prod-eu", RunOutcome.CouldNotEvaluate),
            }));
            Assert.That(evidence.Run.Mode, Is.EqualTo("merge"));
            Assert.That(evidence.Run.MergedAt, Is.EqualTo(MergedAt));
            Assert.That(evidence.Accounts.Select(a => a.Source?.ManifestSha256), Is.EqualTo(inputs.Select(i => Manifest.Sha256Of(Path.Combine(i.Folder, Manifest.FileName)))));
            Assert.That(evidence.Accounts.Select(a => a.Source?.SignerPublicKeySha256), Has.All.EqualTo(ManifestSignature.Fingerprint(Pinned.PublicKeyPem!)));
            Assert.That(evidence.Stacks.Select(s => s.SnapshotFile), Is.EqualTo(new[] { "snapshots/prod/snapshot.json", "snapshots/dev/snapshot.json", "snapshots/prod-eu/snapshot.json" }));
            Assert.That(evidence.Counts.Total, Is.EqualTo(evidence.Controls.Count));
        }
    }

    [Test]
    public async Task The_merged_run_spans_the_inputs_and_takes_the_worst_outcome()
    {
        var inputs = await ThreeAccounts();
        var runs = inputs.Select(i => ReportJson.Load<EvidenceDocument>(Path.Combine(i.Folder, EvidenceBundle.EvidenceFile)).Run).ToList();

        var all = Merge(inputs).Evidence.Run;
        var withoutFailure = Merge([inputs[0], inputs[2]]).Evidence.Run;
        var compliantOnly = Merge([inputs[0]]).Evidence.Run;

        using (Assert.EnterMultipleScope())
        {
            Assert.That((all.Outcome, all.ExitCode), Is.EqualTo((RunOutcome.NonCompliant, 1)));
            Assert.That((withoutFailure.Outcome, withoutFailure.ExitCode), Is.EqualTo((RunOutcome.CouldNotEvaluate, 2)));
            Assert.That((compliantOnly.Outcome, compliantOnly.ExitCode), Is.EqualTo((RunOutcome.Compliant, 0)));
            Assert.That(all.StartedAt, Is.EqualTo(runs.Min(r => r.StartedAt)));
            Assert.That(all.FinishedAt, Is.EqualTo(runs.Max(r => r.FinishedAt)));
            Assert.That(all.Errors, Is.EqualTo(runs[2].Errors).And.One.StartsWith("Account prod-eu: role arn:aws:iam::210987654321:role/verification-audit could not be assumed"));
        }
    }

    [Test]
    public async Task An_input_error_is_prefixed_with_its_account_name()
    {
        var input = new MergeInput(await Bundles.WriteAsync("compliant-rds", new PemManifestSigner(Key), run => run with { Errors = ["Setting Outputs: staging.json could not be read."] }), "staging");

        var errors = Merge([input]).Evidence.Run.Errors;

        Assert.That(errors, Is.EqualTo(new[] { "staging: Setting Outputs: staging.json could not be read." }));
    }

    [Test]
    public async Task Each_control_points_at_a_stack_of_its_own_account_with_its_input_verdict()
    {
        var inputs = await ThreeAccounts();

        var evidence = Merge(inputs).Evidence;

        using (Assert.EnterMultipleScope())
        {
            foreach (var (account, input) in evidence.Accounts.Zip(inputs))
            {
                var original = ReportJson.Load<EvidenceDocument>(Path.Combine(input.Folder, EvidenceBundle.EvidenceFile));
                var own = evidence.Controls.Where(c => account.Stacks.Contains(c.Stack)).ToList();
                Assert.That(account.Stacks.Select(i => evidence.Stacks[i].Account), Has.All.EqualTo(account.Name));
                Assert.That(own.Select(c => (c.Id, c.Verdict)), Is.EqualTo(original.Controls.Select(c => (c.Id, c.Verdict))), account.Name);
            }

            Assert.That(evidence.Controls.Select(c => evidence.Stacks[c.Stack].Account).Distinct(), Is.EqualTo(new[] { "prod", "dev" }), "prod-eu was not evaluated: no controls");
        }
    }

    [Test]
    public async Task A_one_byte_edit_in_any_input_bundle_makes_the_merge_refuse_naming_that_bundle()
    {
        var inputs = await ThreeAccounts();
        var edits = inputs.SelectMany(i => Directory.GetFiles(i.Folder, "*", SearchOption.AllDirectories).Select(file => (i.Folder, File: file))).ToList();

        using (Assert.EnterMultipleScope())
        {
            foreach (var (folder, file) in edits)
            {
                var original = await File.ReadAllBytesAsync(file);
                await File.WriteAllBytesAsync(file, OneByteChanged(original));
                var refused = Assert.Throws<MergeRefusedException>(() => Merge(inputs));
                await File.WriteAllBytesAsync(file, original);
                Assert.That(refused?.Reasons, Has.Count.EqualTo(1).And.One.StartsWith($"{folder}: refused"), Path.GetRelativePath(folder, file));
            }
        }

        Assert.That(edits, Has.Count.EqualTo(3 * 6), "each input holds evidence.json, evidence.html, snapshot.json, the manifest, its signature and the public key");
    }

    [Test]
    public async Task A_one_byte_edit_of_any_file_in_the_merged_bundle_makes_its_check_tampered()
    {
        var bundle = await SealAsync(Merge(await ThreeAccounts()));
        var files = Directory.GetFiles(bundle, "*", SearchOption.AllDirectories);

        using (Assert.EnterMultipleScope())
        {
            foreach (var file in files)
            {
                var original = await File.ReadAllBytesAsync(file);
                await File.WriteAllBytesAsync(file, OneByteChanged(original));
                var verdict = EvidenceCheck.CheckPinned(bundle, Pinned).Verdict;
                await File.WriteAllBytesAsync(file, original);
                Assert.That(verdict, Is.EqualTo(EvidenceVerdict.Tampered), Path.GetRelativePath(bundle, file));
            }
        }

        Assert.That(files, Has.Length.EqualTo(3 + 3 + 2), "three snapshots, evidence.json/html, the public key, the manifest and its signature");
    }

    [Test]
    public async Task An_unsigned_input_is_refused_with_how_to_sign_it()
    {
        var unsigned = new MergeInput(await Bundles.WriteAsync("compliant-rds"), "staging");
        var inputs = await ThreeAccounts();

        var refused = Assert.Throws<MergeRefusedException>(() => Merge([.. inputs, unsigned]));

        Assert.That(refused?.Reasons, Has.Count.EqualTo(1).And.One.StartsWith($"{unsigned.Folder}: refused").And.One.Contains("UNSIGNED").And.One.Contains("--sign-key"));
    }

    [Test]
    public async Task An_input_signed_by_another_key_is_refused()
    {
        var other = new MergeInput(await Bundles.WriteAsync("compliant-rds", Bundles.EcdsaKey()), "staging");
        var inputs = await ThreeAccounts();

        var refused = Assert.Throws<MergeRefusedException>(() => Merge([.. inputs, other]));

        Assert.That(refused?.Reasons, Has.Count.EqualTo(1).And.One.StartsWith($"{other.Folder}: refused").And.One.Contains("signature INVALID against the pinned key"));
    }

    [Test]
    public async Task The_same_bundle_given_twice_is_refused()
    {
        var inputs = await ThreeAccounts();

        var refused = Assert.Throws<MergeRefusedException>(() => Merge([.. inputs, inputs[1] with { AccountName = "dev-again" }]));

        Assert.That(refused?.Reasons, Has.Count.EqualTo(1).And.One.Contains("the same bundle").And.One.Contains(inputs[1].Folder));
    }

    [Test]
    public async Task Two_bundles_claiming_the_same_account_name_are_refused_with_how_to_name_them()
    {
        var first = new MergeInput(await Bundles.WriteAsync("compliant-rds", Key));
        var second = new MergeInput(await Bundles.WriteAsync("rds-public", Key));

        var refused = Assert.Throws<MergeRefusedException>(() => Merge([first, second]));

        Assert.That(refused?.Reasons, Has.Count.EqualTo(1).And.One.Contains(first.Folder).And.One.Contains(second.Folder).And.One.Contains("name accounts uniquely"));
    }

    [Test]
    public void A_folder_that_is_not_a_bundle_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("verification-not-a-bundle-").FullName;

        var refused = Assert.Throws<MergeRefusedException>(() => Merge([new MergeInput(folder)]));

        Assert.That(refused?.Reasons, Is.EqualTo(new[] { $"{folder}: not an evidence bundle (no evidence.json); give a verify --out folder or its evidence/ folder." }));
    }

    [Test]
    public async Task A_verify_out_folder_is_accepted_as_well_as_its_evidence_folder()
    {
        var inputs = await ThreeAccounts();
        var outFolder = inputs[0] with { Folder = Path.GetDirectoryName(inputs[0].Folder)! };

        var evidence = Merge([outFolder, inputs[1]]).Evidence;

        Assert.That(evidence.Accounts[0].Source?.ManifestSha256, Is.EqualTo(Manifest.Sha256Of(Path.Combine(inputs[0].Folder, Manifest.FileName))));
    }

    [Test]
    public async Task Inputs_run_with_different_thresholds_are_each_re_evaluated_with_their_own()
    {
        var strict = new MergeInput(await Bundles.WriteAsync("log-retention-7-days", new PemManifestSigner(Key)), "strict");
        var loose = new MergeInput(await Bundles.WriteAsync("log-retention-7-days", new PemManifestSigner(Key), run => Judged(run, Policy.Default with { MinLogRetentionDays = 7 })), "loose");

        var merged = Merge([strict, loose]);
        var report = EvidenceCheck.CheckPinned(await SealAsync(merged), Pinned);
        var retention = merged.Evidence.Controls.Where(c => c.Id == "LogGroupRetentionMeetsPolicy").Select(c => (merged.Evidence.AccountOf(c.Stack), c.Verdict));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Verdict, Is.EqualTo(EvidenceVerdict.Verified), string.Join(" ", report.VerdictDifferences));
            Assert.That(retention, Is.EqualTo(new[] { ("strict", ControlVerdict.Failed), ("loose", ControlVerdict.Passed) }));
            Assert.That(merged.Evidence.Stacks.Select(s => s.Thresholds?.MinLogRetentionDays), Is.EqualTo(new int?[] { null, 7 }));
            Assert.That(merged.Evidence.PolicyDeviations.Select(d => d.Setting), Is.EqualTo(new[] { "MinLogRetentionDays" }));
        }
    }

    [Test]
    public async Task Drift_compares_each_stack_with_the_same_accounts_stack_of_the_previous_merge_whatever_the_order()
    {
        var prod = new MergeInput(await Bundles.WriteAsync("compliant-rds", Key), "prod");
        var dev = new MergeInput(await Bundles.WriteAsync("log-retention-7-days", Key), "dev");
        var previous = Merge([prod, dev]).Evidence;

        var drift = EvidenceMerge.Merge([dev, prod], Pinned, new ToolInfo { Version = "test" }, new SignatureInfo(), new FakeTimeProvider(MergedAt), previous).Evidence.Drift;

        Assert.That(drift?.ChangedControls, Is.Empty);
    }

    [Test]
    public async Task Reports_of_a_merged_bundle_group_by_account_then_stack()
    {
        var merged = Merge(await ThreeAccounts()).Evidence;
        var folder = Directory.CreateTempSubdirectory("verification-merged-reports-").FullName;

        JUnitWriter.Write(merged, Path.Combine(folder, "junit"));
        AllureWriter.Write(merged, Path.Combine(folder, "allure"));
        var suites = XDocument.Load(Path.Combine(folder, "junit", JUnitWriter.ComplianceFile)).Descendants("testsuite").Select(s => (string)s.Attribute("name")!).ToList();
        var parents = Directory.GetFiles(Path.Combine(folder, "allure"), "*-result.json").Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement
            .GetProperty("labels").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "parentSuite").GetProperty("value").GetString()).Distinct();
        var html = EvidenceHtml.Render(merged);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(suites, Has.All.StartWith("prod / ").Or.StartWith("dev / ").Or.StartWith("prod-eu / "));
            Assert.That(suites, Has.Some.StartWith("prod / Verification.Compliance.").And.Some.StartWith("dev / Verification.Compliance."));
            Assert.That(suites, Does.Contain("prod-eu / Verification.Compliance.NotEvaluated"), "the unreachable account is an error case, not an absence");
            Assert.That(parents, Is.EquivalentTo(new[] { "prod", "dev", "prod-eu" }));
            foreach (var account in merged.Accounts)
            {
                Assert.That(html, Does.Contain($"data-account=\"{account.Name}\" data-outcome=\"{account.Outcome}\"").And.Contain(account.Source!.ManifestSha256));
            }

            Assert.That(html, Does.Contain("role/verification-audit").And.Contain("AccessDenied"));
        }
    }

    [Test]
    public async Task Reports_of_one_account_are_not_grouped_by_account()
    {
        var evidence = await Bundles.EvidenceOf("compliant-rds");
        var folder = Directory.CreateTempSubdirectory("verification-single-reports-").FullName;

        JUnitWriter.Write(evidence, folder);
        var suites = XDocument.Load(Path.Combine(folder, JUnitWriter.ComplianceFile)).Descendants("testsuite").Select(s => (string)s.Attribute("name")!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(suites, Has.All.StartWith("Verification.Compliance."));
            Assert.That(EvidenceHtml.Render(evidence), Does.Not.Contain("class=\"account\""));
        }
    }

    /// <summary>prod (compliant), dev (the database is public), prod-eu (its role could not be assumed), each its own signed bundle.</summary>
    private static async Task<MergeInput[]> ThreeAccounts() =>
    [
        new(await Bundles.WriteAsync("compliant-rds", Key), "prod"),
        new(await Bundles.WriteAsync("rds-public", Key), "dev"),
        new(await Bundles.WriteAsync("compliant-rds", new PemManifestSigner(Key), Unreachable)),
    ];

    private static RunResult Unreachable(RunResult run)
    {
        const string Why = "role arn:aws:iam::210987654321:role/verification-audit could not be assumed (AccessDenied: not authorized), so its stacks were not evaluated.";
        return run with
        {
            Stacks = [run.Stacks[0] with { Results = [], Account = "prod-eu", NotEvaluated = Why }],
            Errors = [$"Account prod-eu: {Why}"],
            Accounts = [new AccountRun("prod-eu", "210987654321", "eu-west-1", "arn:aws:iam::210987654321:role/verification-audit", false, "verify-sandbox-20261130T050000Z", Why) { Stacks = [0] }],
        };
    }

    /// <summary>The run's one stack judged again under <paramref name="policy"/>, as a run with those thresholds would have judged it.</summary>
    private static RunResult Judged(RunResult run, Policy policy)
    {
        var snapshot = run.Stacks[0].Snapshot;
        return run with { Policy = policy, Stacks = [run.Stacks[0] with { Results = Evaluation.Run(snapshot, policy, snapshot.FinishedAt) }] };
    }

    private static MergedEvidence Merge(IReadOnlyList<MergeInput> inputs) =>
        EvidenceMerge.Merge(inputs, Pinned, new ToolInfo { Version = "test" }, EvidenceBundle.Describe(new PemManifestSigner(Key)), new FakeTimeProvider(MergedAt));

    private static async Task<string> SealAsync(MergedEvidence merged)
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("verification-merged-").FullName, "evidence");
        EvidenceBundle.WriteMerged(folder, merged.Evidence, merged.Snapshots);
        await EvidenceBundle.SealAsync(folder, new PemManifestSigner(Key), CancellationToken.None);
        return folder;
    }

    private static byte[] OneByteChanged(byte[] bytes)
    {
        var changed = (byte[])bytes.Clone();
        changed[changed.Length / 2] ^= 0x01;
        return changed;
    }
}
