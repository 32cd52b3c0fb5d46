using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>What a control sees: the snapshot, the policy, and the time the run observed (so re-evaluation later gives the same verdict).</summary>
public sealed record EvaluationContext(StackSnapshot Snapshot, Policy Policy, DateTimeOffset ObservedAt)
{
    public string Region => Snapshot.Region;

    /// <summary>The stack key, resolvable from any form a resource reports.</summary>
    public StackKey Key => new(Snapshot);
}
