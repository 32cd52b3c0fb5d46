using System.Reflection;

namespace Verification.Probes.Controls;

/// <summary>Every control in the assembly, found by reflection and ordered by area then id.</summary>
public static class ControlCatalog
{
    private static readonly Lazy<IReadOnlyList<Control>> Controls = new(() =>
        [.. typeof(Control).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Control)) && !t.IsAbstract)
            .Select(t => (Control)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Area, StringComparer.Ordinal)
            .ThenBy(c => c.Id, StringComparer.Ordinal)]);

    public static IReadOnlyList<Control> All => Controls.Value;

    /// <summary>The control with this id; throws with the known ids listed when there is none.</summary>
    public static Control Get(string id) =>
        All.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"No control '{id}'. Known controls: {string.Join(", ", All.Select(c => c.Id))}.", nameof(id));
}
