using System.Security.Cryptography;
using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;
using Verification.Probes.Tests.Robustness;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Accounts;

/// <summary>
/// One run over the three-account sandbox organisation (sandbox/organisation/inventory.json): dev compliant, staging with a
/// public database, prod whose role trusts another principal. Each account is judged alone, with its own credentials.
/// </summary>
public sealed class OrganisationRunTests
{
    private static string InventoryFile => Path.Combine(RepositoryRoot.Path, "sandbox", "organisation", "inventory.json");

    private static readonly Lazy<Task<RunResult>> Shipped = new(() => RunAsync(Inventory.Read(InventoryFile, sandbox: true)));

    internal static async Task<RunResult> RunAsync(IReadOnlyList<AccountTarget> accounts, int parallel = 4, string? inventoryFile = null)
    {
        await using var sandbox = await SandboxStack.StartOrganisationAsync([.. OrganisationInventory.Read(inventoryFile ?? InventoryFile).Select(a => a.Member)]);
        var settings = new RunSettings
        {
            Accounts = accounts,
            OutputsPaths = [.. accounts.SelectMany(a => a.OutputsPaths)],
            InventoryFile = inventoryFile ?? InventoryFile,
            MaxParallelAccounts = parallel,
            Mode = "sandbox",
            Retry = SandboxRun.Fast,
        };
        return await Engine.RunAsync(new EngineRequest { Settings = settings, Time = TimeProvider.System, Endpoint = sandbox.Endpoint, Credentials = SandboxStack.Credentials }, CancellationToken.None);
    }

    private static IReadOnlyList<StackRun> StacksOf(RunResult run, string account) => [.. run.Accounts.Single(a => a.Name == account).Stacks.Select(i => run.Stacks[i])];

    [Test]
    public async Task Each_account_has_its_own_outcome_and_the_run_has_the_worst()
    {
        var run = await Shipped.Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Accounts.Select(a => (a.Name, run.OutcomeOf(a))), Is.EqualTo(new[]
            {
                ("dev", RunOutcome.Compliant), ("staging", RunOutcome.NonCompliant), ("prod", RunOutcome.CouldNotEvaluate),
            }));
            Assert.That(run.Outcome, Is.EqualTo(RunOutcome.NonCompliant));
            Assert.That(run.ExitCode, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task The_account_whose_role_cannot_be_assumed_is_could_not_evaluate_for_its_stacks_only_with_stss_reason()
    {
        var run = await Shipped.Value;
        var prod = run.Accounts.Single(a => a.Name == "prod");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(prod.Error, Does.Contain("arn:aws:iam::333333333333:role/verification-audit could not be assumed").And.Contain("AccessDenied").And.Contain("not authorized to perform: sts:AssumeRole"));
            Assert.That(StacksOf(run, "prod").Select(s => s.NotEvaluated), Is.All.EqualTo(prod.Error));
            Assert.That(StacksOf(run, "prod").SelectMany(s => s.Results), Is.Empty, "no verdict without a collection");
            Assert.That(run.Errors, Is.EqualTo(new[] { $"Account prod: {prod.Error}" }));
            Assert.That(StacksOf(run, "dev").Concat(StacksOf(run, "staging")).Select(s => s.NotEvaluated), Is.All.Null);
            Assert.That(StacksOf(run, "dev").Single().Results, Has.Count.EqualTo(ControlCatalog.All.Count));
        }
    }

    [Test]
    public async Task Each_account_is_collected_with_its_own_role_session()
    {
        var run = await Shipped.Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(StacksOf(run, "dev").Single().Snapshot.Caller.Value?.Account, Is.EqualTo("111111111111"));
            Assert.That(StacksOf(run, "dev").Single().Snapshot.Caller.Value?.Arn, Does.StartWith("arn:aws:sts::111111111111:assumed-role/verification-audit/verify-sandbox-"));
            Assert.That(StacksOf(run, "staging").Single().Snapshot.Caller.Value?.Account, Is.EqualTo("222222222222"));
            Assert.That(run.BaseCaller?.Account, Is.EqualTo(SandboxOrganisation.HomeAccount));
            Assert.That(run.Accounts.Select(a => a.SessionName).Distinct().Single(), Does.Match(@"^verify-sandbox-\d{8}T\d{6}Z$"));
            Assert.That(run.Calls.Count(c => c.Action == "sts:AssumeRole"), Is.EqualTo(3), "one AssumeRole per account, none repeated");
        }
    }

    [Test]
    public async Task The_failure_is_staging_s_public_database_and_nothing_of_dev_fails()
    {
        var run = await Shipped.Value;
        var failed = StacksOf(run, "staging").SelectMany(s => s.Results).Where(r => r.Verdict == ControlVerdict.Failed).Select(r => r.Control.Id).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed, Does.Contain("RdsNotPubliclyAccessible"));
            Assert.That(StacksOf(run, "dev").SelectMany(s => s.Results).Where(r => r.Verdict is ControlVerdict.Failed or ControlVerdict.CouldNotEvaluate), Is.Empty);
        }
    }

    [Test]
    public async Task Account_level_controls_are_judged_once_in_each_account()
    {
        var run = await Shipped.Value;
        var accountControls = ControlCatalog.All.Where(c => c.Scope == ControlScope.Account).Select(c => c.Id).ToList();

        using (Assert.EnterMultipleScope())
        {
            foreach (var account in new[] { "dev", "staging" })
            {
                var judged = StacksOf(run, account).SelectMany(s => s.Results).Where(r => r.Control.Scope == ControlScope.Account).Select(r => r.Control.Id).ToList();
                Assert.That(judged, Is.EquivalentTo(accountControls), account);
            }
        }
    }

    [Test]
    public async Task One_account_at_a_time_gives_the_same_verdicts_as_four()
    {
        var parallel = await Shipped.Value;
        var serial = await RunAsync(Inventory.Read(InventoryFile, sandbox: true), parallel: 1);

        static IEnumerable<string> Verdicts(RunResult run) =>
            run.Stacks.SelectMany(s => s.Results.Select(r => $"{s.Account}/{r.Control.Id}={r.Verdict}")).Concat(run.Accounts.Select(a => $"{a.Name}:{a.Error}"));

        Assert.That(Verdicts(serial), Is.EqualTo(Verdicts(parallel)));
    }

    [Test]
    public async Task A_wrong_external_id_fails_that_account_alone()
    {
        var accounts = Inventory.Read(InventoryFile, sandbox: true).Where(a => a.Name != "prod").ToList();
        var members = accounts.Select(a => a.Name == "dev" ? a with { ExternalId = "verification-nightly" } : a).ToList();
        var run = await RunWithTrustAsync(members, accounts.Select(a => a.Name == "dev" ? a with { ExternalId = "guessed" } : a).ToList());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Accounts.Single(a => a.Name == "dev").Error, Does.Contain("could not be assumed").And.Contain("AccessDenied"));
            Assert.That(run.OutcomeOf(run.Accounts.Single(a => a.Name == "staging")), Is.EqualTo(RunOutcome.NonCompliant));
        }
    }

    /// <summary>The sandbox trusts what <paramref name="members"/> say; the run sends what <paramref name="sent"/> says.</summary>
    private static async Task<RunResult> RunWithTrustAsync(IReadOnlyList<AccountTarget> members, IReadOnlyList<AccountTarget> sent)
    {
        var organisation = members.Select(a => new OrganisationMember(a.AccountId!, a.Sandbox!.Scenario, "verification-audit", a.Sandbox.TrustedPrincipal, a.ExternalId)).ToList();
        await using var sandbox = await SandboxStack.StartOrganisationAsync(organisation);
        var settings = new RunSettings { Accounts = sent, OutputsPaths = [.. sent.SelectMany(a => a.OutputsPaths)], Mode = "sandbox", Retry = SandboxRun.Fast };
        return await Engine.RunAsync(new EngineRequest { Settings = settings, Time = TimeProvider.System, Endpoint = sandbox.Endpoint, Credentials = SandboxStack.Credentials }, CancellationToken.None);
    }

    [Test]
    public async Task The_organisation_bundle_records_every_account_and_checks_out_against_the_pinned_key()
    {
        var run = await Shipped.Value;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new PemManifestSigner(key.ExportPkcs8PrivateKeyPem());
        var evidence = EvidenceBuilder.Build(run, new ToolInfo { Version = "test" }, EvidenceBundle.Describe(signer));
        var folder = Path.Combine(Directory.CreateTempSubdirectory("organisation-bundle-").FullName, "evidence");
        EvidenceBundle.Write(folder, evidence, [.. run.Stacks.Select(s => s.Snapshot)]);
        await EvidenceBundle.SealAsync(folder, signer, CancellationToken.None);

        var check = EvidenceCheck.CheckPinned(folder, PinnedKey.Of(key.ExportSubjectPublicKeyInfoPem(), null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.Accounts.Select(a => (a.Name, a.AccountId, a.Outcome)), Is.EqualTo(new[]
            {
                ("dev", (string?)"111111111111", RunOutcome.Compliant), ("staging", "222222222222", RunOutcome.NonCompliant), ("prod", "333333333333", RunOutcome.CouldNotEvaluate),
            }));
            Assert.That(evidence.Stacks.Select(s => s.Account), Is.EqualTo(new[] { "dev", "staging", "prod" }));
            Assert.That(evidence.Stacks[2].NotEvaluated, Does.Contain("could not be assumed"));
            Assert.That(evidence.Accounts.All(a => a.ExternalIdSent), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(folder, EvidenceBundle.EvidenceFile)), Does.Not.Contain("verification-nightly"), "the external id is not written");
            Assert.That(check.Verdict, Is.EqualTo(EvidenceVerdict.Verified), string.Join("\n", check.VerdictDifferences.Concat(check.ManifestProblems)));
            Assert.That(check.ControlsReevaluated, Is.GreaterThan(ControlCatalog.All.Count));
        }
    }
}
