using System.Reflection;
using Verification.Probes.Controls;

namespace Verification.Compliance;

/// <summary>Guards the suite's shape: a control in an area without a fixture would never run, which must not pass silently.</summary>
public sealed class Coverage
{
    [Test]
    public void Every_control_area_has_a_fixture()
    {
        var covered = typeof(Coverage).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<TestCaseSourceAttribute>())
            .SelectMany(a => a.MethodParams ?? [])
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var areas = ControlCatalog.All.Select(c => c.Area).Distinct(StringComparer.Ordinal);

        Assert.That(areas, Is.SubsetOf(covered));
    }
}
