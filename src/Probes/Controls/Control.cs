using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>How much a failed control matters; critical and high fail the gate by default.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>What a control concluded about one resource.</summary>
public enum FindingStatus
{
    /// <summary>The secure condition holds.</summary>
    Pass,

    /// <summary>The secure condition does not hold.</summary>
    Fail,

    /// <summary>Could not be evaluated (denied, failed call, missing resource): fails the gate, never a pass.</summary>
    Error,

    /// <summary>Decided from the snapshot not to apply, with the reason (never the result of a failed call).</summary>
    NotApplicable,

    /// <summary>Failed, but covered by a current waiver: shown in every report, does not gate.</summary>
    Waived,
}

/// <summary>One control: a secure condition, its metadata, and a pure evaluation over the snapshot.</summary>
/// <summary>What one evaluation of a control covers.</summary>
public enum ControlScope
{
    /// <summary>The stack's own resources: evaluated for every stack.</summary>
    Stack,

    /// <summary>The account and region the stack lives in (CloudTrail, GuardDuty, ...): evaluated and shown once per account and region.</summary>
    Account,
}

public abstract class Control
{
    /// <summary>The id, which is the type name so that it can be found and cannot drift.</summary>
    public string Id => GetType().Name;

    /// <summary>The secure condition, stated as a fact ("RDS storage is encrypted with the stack key").</summary>
    public abstract string Title { get; }

    /// <summary>The report group: "Encryption", "Retention", "Network", "Service Connect", ...</summary>
    public abstract string Area { get; }

    /// <summary>The AWS service the resources belong to.</summary>
    public abstract string Service { get; }

    public abstract Severity Severity { get; }

    /// <summary>What goes wrong when the condition does not hold.</summary>
    public abstract string Risk { get; }

    /// <summary>How to fix it, in the words of the IaC tools users deploy with.</summary>
    public abstract string Remediation { get; }

    /// <summary>45 CFR citations this control supports; empty means "operational" (no section of the Security Rule applies).</summary>
    public abstract IReadOnlyList<string> Hipaa { get; }

    /// <summary>"HIPAA" when cited, else "operational".</summary>
    public string Category => Hipaa.Count > 0 ? "HIPAA" : "operational";

    /// <summary>Whether the control judges the stack or its account and region.</summary>
    public virtual ControlScope Scope => ControlScope.Stack;

    /// <summary>Evaluates the control over the snapshot: one finding per resource, or one Error/NotApplicable finding.</summary>
    /// <remarks>Every declared fact is checked first: any failed or absent one makes the result an Error per failed call, and the control never judges.</remarks>
    public IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = Facts(context).Select(f => f.Problem(context.Region)).OfType<CollectionError>().DistinctBy(e => (e.Action, e.Code)).ToList();
        return problems.Count > 0
            ? [.. problems.Select(e => Error(context, context.Snapshot.Outputs.VpcId, e))]
            : Decide(context);
    }

    /// <summary>The snapshot answers this control reads; none of them may be failed or absent when <see cref="Decide"/> runs.</summary>
    protected virtual IEnumerable<Fact> Facts(EvaluationContext context) => [];

    /// <summary>The control's judgement, called only when every declared fact holds an answer.</summary>
    protected abstract IEnumerable<Finding> Decide(EvaluationContext context);

    /// <summary>A finding for this control.</summary>
    protected Finding Result(EvaluationContext context, FindingStatus status, string resource, string message, IReadOnlyDictionary<string, string?>? evidence = null) =>
        new(Id, status, resource, context.Region, message, evidence ?? new Dictionary<string, string?>(), context.ObservedAt);

    protected Finding Pass(EvaluationContext context, string resource, string message, IReadOnlyDictionary<string, string?>? evidence = null) =>
        Result(context, FindingStatus.Pass, resource, message, evidence);

    protected Finding Fail(EvaluationContext context, string resource, string message, IReadOnlyDictionary<string, string?>? evidence = null) =>
        Result(context, FindingStatus.Fail, resource, message, evidence);

    protected Finding NotApplicable(EvaluationContext context, string resource, string reason) =>
        Result(context, FindingStatus.NotApplicable, resource, reason);

    /// <summary>An Error finding for a question that could not be answered.</summary>
    protected Finding Error(EvaluationContext context, string resource, CollectionError error) =>
        Result(context, FindingStatus.Error, resource, $"Could not evaluate: {error.Explain()}.", new Dictionary<string, string?>
        {
            ["action"] = error.Action,
            ["errorCode"] = error.Code,
        });

    /// <summary>An Error finding for a security-relevant member AWS did not send: absent is never read as false or 0.</summary>
    protected Finding Unreported(EvaluationContext context, string resource, string name, string member) =>
        Result(context, FindingStatus.Error, resource, $"Could not evaluate: AWS did not report {member} for {name}.", new Dictionary<string, string?> { [member] = null });

    /// <summary>An Error finding with a plain reason.</summary>
    protected Finding Error(EvaluationContext context, string resource, string reason) =>
        Result(context, FindingStatus.Error, resource, $"Could not evaluate: {reason}");

    /// <summary>A control that evaluated no resource although it applies: an Error, never a vacuous pass.</summary>
    protected Finding NothingToEvaluate(EvaluationContext context, string what) =>
        Error(context, context.Snapshot.Outputs.VpcId, $"no {what} was found in the stack's VPC {context.Snapshot.Outputs.VpcId}, so this control checked nothing.");

    public override string ToString() => Id;
}

/// <summary>One control's verdict on one resource.</summary>
/// <param name="Message">One sentence naming the service, the resource and the outcome, ending with a period.</param>
/// <param name="Evidence">The observed values, never secrets.</param>
public sealed record Finding(
    string ControlId,
    FindingStatus Status,
    string Resource,
    string Region,
    string Message,
    IReadOnlyDictionary<string, string?> Evidence,
    DateTimeOffset ObservedAt);
