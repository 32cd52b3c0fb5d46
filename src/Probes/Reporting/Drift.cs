using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>What changed between two runs' evidence.</summary>
public sealed record DriftReport
{
    /// <summary>When the previous run started, to say what "since" means.</summary>
    public DateTimeOffset PreviousStartedAt { get; init; }

    /// <summary>Controls that gate now (failed or could not evaluate) and did not before.</summary>
    public List<VerdictChange> NewFailures { get; init; } = [];

    /// <summary>Controls that gated before and do not now.</summary>
    public List<VerdictChange> FixedFailures { get; init; } = [];

    /// <summary>Other verdict changes (passed → warning, applicable → not applicable).</summary>
    public List<VerdictChange> OtherVerdictChanges { get; init; } = [];

    public List<ValueChange> ChangedValues { get; init; } = [];
    public List<ResourceChange> ResourcesAdded { get; init; } = [];
    public List<ResourceChange> ResourcesGone { get; init; } = [];

    /// <summary>Every control id that appears in any change, sorted.</summary>
    public IReadOnlyList<string> ChangedControls =>
        [.. NewFailures.Concat(FixedFailures).Concat(OtherVerdictChanges).Select(c => c.ControlId)
            .Concat(ChangedValues.Select(c => c.ControlId))
            .Concat(ResourcesAdded.Concat(ResourcesGone).Select(c => c.ControlId))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public bool IsEmpty => ChangedControls.Count == 0;
}

/// <param name="Stack">Index into the current run's stacks; the previous run's index when the stack is gone.</param>
/// <param name="Before">Null when the control did not exist in the previous run.</param>
/// <param name="After">Null when the control no longer exists.</param>
public sealed record VerdictChange(string ControlId, int Stack, ControlVerdict? Before, ControlVerdict? After);

/// <summary>An observed value that changed on one resource (retentionInDays 30 → 7).</summary>
public sealed record ValueChange(string ControlId, int Stack, string Resource, string Key, string? Before, string? After);

public sealed record ResourceChange(string ControlId, int Stack, string Resource);

/// <summary>Compares two runs' evidence control by control, resource by resource.</summary>
public static class Drift
{
    public static DriftReport Compare(EvidenceDocument previous, EvidenceDocument current)
    {
        var same = SameStacks(previous, current);

        // A previous stack with no counterpart now keys below zero, so its controls read as removed, not as another stack's.
        var before = previous.Controls.ToDictionary(c => (Stack: same.TryGetValue(c.Stack, out var now) ? now : -1 - c.Stack, c.Id));
        var after = current.Controls.ToDictionary(c => (c.Stack, c.Id));
        var newFailures = new List<VerdictChange>();
        var fixedFailures = new List<VerdictChange>();
        var other = new List<VerdictChange>();
        var values = new List<ValueChange>();
        var added = new List<ResourceChange>();
        var gone = new List<ResourceChange>();

        foreach (var key in before.Keys.Union(after.Keys).OrderBy(k => k.Stack).ThenBy(k => k.Id, StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            var stack = key.Stack >= 0 ? key.Stack : -1 - key.Stack;
            var change = new VerdictChange(key.Id, stack, old?.Verdict, now?.Verdict);
            var gatedBefore = old?.Gates ?? false;
            var gatesNow = now?.Gates ?? false;
            if (gatesNow && !gatedBefore)
            {
                newFailures.Add(change);
            }
            else if (gatedBefore && !gatesNow)
            {
                fixedFailures.Add(change);
            }
            else if (old?.Verdict != now?.Verdict)
            {
                other.Add(change);
            }

            var oldFindings = ByResource(old);
            var newFindings = ByResource(now);
            added.AddRange(newFindings.Keys.Except(oldFindings.Keys).Select(r => new ResourceChange(key.Id, stack, r)));
            gone.AddRange(oldFindings.Keys.Except(newFindings.Keys).Select(r => new ResourceChange(key.Id, stack, r)));
            foreach (var resource in oldFindings.Keys.Intersect(newFindings.Keys).Order(StringComparer.Ordinal))
            {
                var was = oldFindings[resource].Evidence;
                var @is = newFindings[resource].Evidence;
                values.AddRange(was.Keys.Union(@is.Keys).Order(StringComparer.Ordinal)
                    .Where(k => was.GetValueOrDefault(k) != @is.GetValueOrDefault(k) && !(IsObservationTime(oldFindings[resource], k) && IsObservationTime(newFindings[resource], k)))
                    .Select(k => new ValueChange(key.Id, stack, resource, k, was.GetValueOrDefault(k), @is.GetValueOrDefault(k))));
            }
        }

        return new DriftReport
        {
            PreviousStartedAt = previous.Run.StartedAt,
            NewFailures = newFailures,
            FixedFailures = fixedFailures,
            OtherVerdictChanges = other,
            ChangedValues = values,
            ResourcesAdded = added,
            ResourcesGone = gone,
        };
    }

    /// <summary>
    /// Previous stack index → current stack index of the same stack: same account and outputs file first, then the same
    /// position among the account's stacks. In a merged report stacks move when an account is added; matching by index
    /// would compare one account's database with another's.
    /// </summary>
    private static Dictionary<int, int> SameStacks(EvidenceDocument previous, EvidenceDocument current)
    {
        var same = new Dictionary<int, int>();
        var taken = new HashSet<int>();
        void Pair(Func<int, int, bool> alike)
        {
            for (var p = 0; p < previous.Stacks.Count; p++)
            {
                if (same.ContainsKey(p))
                {
                    continue;
                }

                var match = Enumerable.Range(0, current.Stacks.Count).FirstOrDefault(c => !taken.Contains(c) && alike(p, c), -1);
                if (match >= 0)
                {
                    same[p] = match;
                    taken.Add(match);
                }
            }
        }

        Pair((p, c) => previous.Stacks[p].Account == current.Stacks[c].Account && previous.Stacks[p].OutputsFile == current.Stacks[c].OutputsFile);
        Pair((p, c) => previous.Stacks[p].Account == current.Stacks[c].Account && Position(previous, p) == Position(current, c));

        // Evidence written before stacks named their account: its stacks are this run's in order.
        Pair((p, c) => previous.Stacks[p].Account.Length == 0 && p == c);
        return same;
    }

    private static int Position(EvidenceDocument evidence, int stack) =>
        evidence.Stacks.Take(stack).Count(s => s.Account == evidence.Stacks[stack].Account);

    // A control may record when it looked (observedAt); that moves every run and is not a change in the stack.
    private static bool IsObservationTime(Finding finding, string key) =>
        finding.Evidence.GetValueOrDefault(key) == Evidence.Format(finding.ObservedAt);

    // A control may report one resource more than once (an Error and a Fail); the last finding speaks for it.
    private static Dictionary<string, Finding> ByResource(ControlEvidence? control) =>
        control?.Findings.GroupBy(f => f.Resource, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal) ?? [];
}
