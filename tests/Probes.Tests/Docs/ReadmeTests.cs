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

    private static IEnumerable<Control> Controls() => ControlCatalog.All;

    private static IEnumerable<string> ScenarioNames() => Scenario.Shipped();

    private static string[] Cells(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    [TestCaseSource(nameof(Controls))]
    public void The_readme_control_row_states_the_title_service_severity_and_citations(Control control)
    {
        var citations = control.Hipaa.Count == 0 ? "operational" : string.Join(", ", control.Hipaa);

        var rows = Readme().Split('\n').Where(line => line.StartsWith($"| `{control.Id}` |", StringComparison.Ordinal)).Select(Cells).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(cells => cells[2..]), Is.EqualTo(new[] { new[] { control.Service, control.Severity.ToString(), citations } }));
            Assert.That(rows.Select(cells => cells[1]), Has.All.StartWith(control.Title), "the title may be followed by a note");
        }
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
