using System.Text.Json.Nodes;
using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Probes.Runs;
using Verification.Probes.Tests.Robustness;
using Verification.Probes.Tests.Scenarios;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Accounts;

/// <summary>An account is judged under the inventory's name only when STS proves the credentials are that account's.</summary>
public sealed class AccountProofTests
{
    private static async Task<RunResult> RunAsync(Scenario scenario, string expectedAccount)
    {
        await using var sandbox = await SandboxServer.StartAsync(scenario);
        var target = new AccountTarget { Name = "prod", AccountId = expectedAccount, OutputsPaths = [ScenarioRun.WriteOutputs(scenario)] };
        var settings = new RunSettings { Accounts = [target], OutputsPaths = target.OutputsPaths, Mode = "sandbox", Retry = SandboxRun.Fast };
        return await Engine.RunAsync(new EngineRequest { Settings = settings, Time = TimeProvider.System, Endpoint = sandbox.Endpoint, Credentials = SandboxRun.SandboxKey }, CancellationToken.None);
    }

    [Test]
    public async Task Credentials_of_another_account_than_the_inventory_says_judge_nothing()
    {
        var run = await RunAsync(Scenario.Load("compliant-rds"), "210987654321");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Stacks.Single().NotEvaluated, Does.Contain("the credentials are for account 123456789012, but the inventory says prod is 210987654321"));
            Assert.That(run.Stacks.Single().Results, Is.Empty);
            Assert.That(run.Outcome, Is.EqualTo(RunOutcome.CouldNotEvaluate));
        }
    }

    [Test]
    public async Task A_caller_identity_without_an_account_does_not_prove_the_inventorys_account()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Scenario.Directory, "compliant-rds.json")))!.AsObject();
        document["resources"]!["sts"]!["CallerIdentity"]!.AsObject().Remove("Account");
        var path = Path.Combine(Directory.CreateTempSubdirectory("caller-without-account-").FullName, "caller-without-account.json");
        File.WriteAllText(path, document.ToJsonString());

        var run = await RunAsync(Scenario.Load(path), "123456789012");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Stacks.Single().NotEvaluated, Does.Contain("STS did not say which account"));
            Assert.That(run.ExitCode, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task The_account_the_inventory_names_is_judged_when_sts_agrees()
    {
        var run = await RunAsync(Scenario.Load("compliant-rds"), "123456789012");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Stacks.Single().NotEvaluated, Is.Null);
            Assert.That(run.Accounts.Single().AccountId, Is.EqualTo("123456789012"));
            Assert.That(run.Outcome, Is.EqualTo(RunOutcome.Compliant));
        }
    }
}
