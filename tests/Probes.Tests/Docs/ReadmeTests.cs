using NUnit.Framework;
using Verification.Probes.Controls;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Docs;

/// <summary>The README's control and scenario tables are what users read first; they must not drift from the code.</summary>
public sealed class ReadmeTests
{
    private static string Readme()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Verification.sln")))
        {
            directory = directory.Parent;
        }

        return File.ReadAllText(Path.Combine(directory!.FullName, "README.md"));
    }

    private static IEnumerable<string> ControlIds() => ControlCatalog.All.Select(c => c.Id);

    private static IEnumerable<string> ScenarioNames() => Scenario.Shipped();

    [TestCaseSource(nameof(ControlIds))]
    public void The_readme_lists_every_control(string id)
    {
        Assert.That(Readme(), Does.Contain($"`{id}`"));
    }

    [TestCaseSource(nameof(ScenarioNames))]
    public void The_readme_scenario_table_row_states_the_scenarios_description_and_the_controls_it_must_fail(string name)
    {
        var scenario = Scenario.Load(name);
        var controls = scenario.ExpectedFailures.Count == 0 ? "none" : string.Join(", ", scenario.ExpectedFailures.Select(c => $"`{c}`"));

        var rows = Readme().Split('\n').Where(line => line.StartsWith($"| `{name}` |", StringComparison.Ordinal));

        Assert.That(rows, Is.EqualTo(new[] { $"| `{name}` | {scenario.Description} | {controls} |" }));
    }
}
