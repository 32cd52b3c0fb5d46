using System.Diagnostics;
using System.Globalization;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Benchmarks;

/// <summary>
/// Fifty stacks across five sandbox accounts: one run assuming each account's role once, against fifty separate runs of
/// one stack each (what fifty CI jobs would do), at 0 and 50 ms per request.
/// </summary>
internal static class AccountsComparison
{
    public static async Task<int> RunAsync(int accounts, int stacksPerAccount, int runs)
    {
        var invariant = CultureInfo.InvariantCulture;
        var workspace = Directory.CreateTempSubdirectory("verification-bench-accounts-").FullName;
        var targets = new List<AccountTarget>();
        var members = new List<OrganisationMember>();
        for (var a = 1; a <= accounts; a++)
        {
            var accountId = (100000000000L + a).ToString(invariant);
            var folder = Path.Combine(workspace, accountId);
            var clones = StackClones.Write("compliant-rds", stacksPerAccount, folder);

            // The organisation rewrites the scenario into its account; the outputs files must name the same ARNs.
            foreach (var outputs in clones.OutputsPaths)
            {
                File.WriteAllText(outputs, File.ReadAllText(outputs).Replace("123456789012", accountId, StringComparison.Ordinal));
            }

            members.Add(new OrganisationMember(accountId, clones.ScenarioPath, ExternalId: "bench"));
            targets.Add(new AccountTarget
            {
                Name = $"account-{a}",
                AccountId = accountId,
                RoleArn = $"arn:aws:iam::{accountId}:role/verification-audit",
                ExternalId = "bench",
                OutputsPaths = clones.OutputsPaths,
            });
        }

        var total = accounts * stacksPerAccount;
        Console.WriteLine($"{total} stacks across {accounts} sandbox accounts (compliant-rds clones), gate mode, median of {runs} (after one warm-up).");
        Console.WriteLine();
        Console.WriteLine("| latency | shape | AWS calls | AssumeRole | wall (median) |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: |");
        foreach (var latency in new[] { 0, 50 })
        {
            await using var sandbox = await SandboxStack.StartOrganisationAsync(members, new SandboxOptions { Latency = TimeSpan.FromMilliseconds(latency) });
            var one = await MeasureAsync(runs, () => [targets]);
            var separate = await MeasureAsync(runs, () => [.. targets.SelectMany(t => t.OutputsPaths.Select(o => (IReadOnlyList<AccountTarget>)[t with { OutputsPaths = [o] }]))]);
            Console.WriteLine(string.Create(invariant, $"| {latency} ms | one run, {accounts} accounts | {one.Calls} | {one.AssumeRoles} | {one.Wall.TotalMilliseconds:0} ms |"));
            Console.WriteLine(string.Create(invariant, $"| {latency} ms | {total} separate runs | {separate.Calls} | {separate.AssumeRoles} | {separate.Wall.TotalMilliseconds:0} ms |"));
            Console.WriteLine(string.Create(invariant, $"| {latency} ms | ratio | {(double)separate.Calls / one.Calls:0.0}× | | {separate.Wall / one.Wall:0.0}× |"));

            async Task<Measured> MeasureAsync(int count, Func<List<IReadOnlyList<AccountTarget>>> shape)
            {
                await RunAllAsync(shape());
                var measured = new List<Measured>();
                for (var i = 0; i < count; i++)
                {
                    measured.Add(await RunAllAsync(shape()));
                }

                return measured.OrderBy(m => m.Wall).ElementAt(measured.Count / 2);
            }

            // Each element is one run; runs go one after another, as separate CI jobs on one runner would.
            async Task<Measured> RunAllAsync(List<IReadOnlyList<AccountTarget>> each)
            {
                var clock = Stopwatch.StartNew();
                var calls = 0;
                var assumed = 0;
                foreach (var run in each)
                {
                    var settings = new RunSettings
                    {
                        Accounts = run,
                        OutputsPaths = [.. run.SelectMany(t => t.OutputsPaths)],
                        Mode = "gate",
                        Region = "us-east-1",
                        MaxParallelAccounts = accounts,
                    };
                    var result = await Engine.RunAsync(new EngineRequest { Settings = settings, Endpoint = sandbox.Endpoint, Credentials = SandboxStack.Credentials, Time = TimeProvider.System }, CancellationToken.None);
                    if (result.Errors.Count > 0 || result.Outcome != Verification.Probes.Controls.RunOutcome.Compliant)
                    {
                        throw new InvalidOperationException($"expected every clone compliant, found {result.Outcome}: {string.Join(" ", result.Errors)}");
                    }

                    calls += result.Calls.Count;
                    assumed += result.Calls.Count(c => c.Action == "sts:AssumeRole");
                }

                return new Measured(clock.Elapsed, calls, assumed);
            }
        }

        return 0;
    }

    private sealed record Measured(TimeSpan Wall, int Calls, int AssumeRoles);
}
