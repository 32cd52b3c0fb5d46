using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>
/// A control judged resource by resource over one collected list: the list is a declared fact (a failed collection
/// becomes an Error before any judging), and an empty list becomes an Error (an applicable control that checks nothing must not pass).
/// </summary>
public abstract class ResourceControl<T> : Control
{
    /// <summary>The list this control judges.</summary>
    protected abstract Fetched<List<T>> Resources(EvaluationContext context);

    /// <summary>What the resources are called in messages ("RDS DB instance").</summary>
    protected abstract string ResourceKind { get; }

    /// <summary>The resource's ARN or id for the finding.</summary>
    protected abstract string ResourceId(T resource);

    /// <summary>The verdict on one resource.</summary>
    protected abstract Finding Judge(EvaluationContext context, T resource);

    /// <summary>Why a collected resource is outside this control (e.g. an Aurora member instance judged through its cluster); null when it applies.</summary>
    protected virtual string? NotApplicableBecause(EvaluationContext context, T resource) => null;

    /// <summary>Whether a stack without any such resource is fine (e.g. no Aurora cluster on an RDS-instance stack).</summary>
    protected virtual string? NoneExpectedBecause(EvaluationContext context) => null;

    /// <summary>Whatever <see cref="MoreFacts"/> names, then the judged list.</summary>
    protected sealed override IEnumerable<Fact> Facts(EvaluationContext context)
    {
        var more = MoreFacts(context).ToList();

        // The judged list may be derived from the other facts, so it is read only once they hold.
        return more.Any(f => f.Problem(context.Region) is not null) ? more : [.. more, Fact.Of(Resources(context), ResourceKind)];
    }

    /// <summary>Further answers <see cref="Judge"/> reads besides the judged list.</summary>
    protected virtual IEnumerable<Fact> MoreFacts(EvaluationContext context) => [];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var findings = new List<Finding>();
        foreach (var resource in Resources(context).Value!)
        {
            findings.Add(NotApplicableBecause(context, resource) is { } reason
                ? NotApplicable(context, ResourceId(resource), reason)
                : Judge(context, resource));
        }

        if (findings.All(f => f.Status == FindingStatus.NotApplicable))
        {
            var none = NoneExpectedBecause(context);
            if (none is not null)
            {
                return [NotApplicable(context, context.Snapshot.Outputs.VpcId, none)];
            }

            findings.Add(NothingToEvaluate(context, ResourceKind));
        }

        return findings;
    }
}
