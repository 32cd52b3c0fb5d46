using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Tests.Scenarios;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Controls;

/// <summary>
/// Real snapshots for control unit tests: collected once per scenario from the sandbox, then varied with record
/// <c>with</c> expressions so each test states only the one fact it changes.
/// </summary>
internal static class Snapshots
{
    private static readonly Dictionary<string, Lazy<Task<StackSnapshot>>> Cache = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>The compliant plain-RDS stack.</summary>
    public static Task<StackSnapshot> CompliantRds() => Of("compliant-rds");

    /// <summary>The compliant Aurora Serverless v2 stack.</summary>
    public static Task<StackSnapshot> CompliantAurora() => Of("compliant-aurora");

    public static Task<StackSnapshot> Of(string scenario)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(scenario, out var lazy))
            {
                lazy = new Lazy<Task<StackSnapshot>>(async () => (await ScenarioRun.ExecuteAsync(Scenario.Load(scenario))).Snapshot);
                Cache[scenario] = lazy;
            }

            return lazy.Value;
        }
    }

    /// <summary>Evaluates one control over a snapshot at the snapshot's own time.</summary>
    public static IReadOnlyList<Finding> Evaluate(Control control, StackSnapshot snapshot, Policy? policy = null) =>
        [.. control.Evaluate(new EvaluationContext(snapshot, policy ?? Policy.Default, snapshot.FinishedAt))];

    /// <summary>Replaces the one item of a list that matches, keeping the rest: snapshot.DBInstances with one changed instance.</summary>
    public static Fetched<List<T>> Replace<T>(Fetched<List<T>> list, Func<T, bool> match, Func<T, T> change) =>
        Fetched<List<T>>.Of([.. list.Value!.Select(item => match(item) ? change(item) : item)]);
}
