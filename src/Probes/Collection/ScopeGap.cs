namespace Verification.Probes.Collection;

/// <summary>
/// A part of the stack that could not be established: the call that failed (or the evidence that did not add up) and
/// what is unknown because of it. Every resource list that depends on it is failed with the same error, so each control
/// that reads the list is an Error.
/// </summary>
/// <param name="Unknown">What could not be established, e.g. "which Aurora clusters are in the stack VPC".</param>
public sealed record ScopeGap(string Unknown, CollectionError Error)
{
    /// <summary>One sentence for reports.</summary>
    public string Explain() => $"The stack's scope is incomplete: {Unknown} is unknown because {Error.Explain()}.";
}
