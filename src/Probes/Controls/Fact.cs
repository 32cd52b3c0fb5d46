using System.Runtime.CompilerServices;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>
/// One snapshot answer a control reads. The engine checks every declared fact before the control judges, so a failed
/// or never-collected answer becomes an Error naming the call and its permission, and no control can read it as empty.
/// </summary>
/// <param name="Name">The snapshot member ("DBInstances"), named in the error when the answer was never collected.</param>
/// <param name="Error">Why the call failed, or null.</param>
/// <param name="Absent">True when the snapshot holds neither an answer nor an error.</param>
public sealed record Fact(string Name, CollectionError? Error, bool Absent)
{
    /// <summary>A fact that must hold a value: a failed call and a missing answer are both errors.</summary>
    public static Fact Of<T>(Fetched<T> answer, [CallerArgumentExpression(nameof(answer))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(Short(name), answer.Error, answer.Error is null && answer.Value is null);
    }

    /// <summary>A fact whose null value is itself an answer (no bucket policy, no public access block): only a failed call is an error.</summary>
    public static Fact Optional<T>(Fetched<T> answer, [CallerArgumentExpression(nameof(answer))] string name = "")
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(Short(name), answer.Error, false);
    }

    /// <summary>Why the control cannot judge with this fact, or null when it can.</summary>
    public CollectionError? Problem(string region) =>
        Error ?? (Absent ? new CollectionError(Name, "NotCollected", $"the snapshot holds no answer for {Name}: the collector never asked", region) : null);

    // "context.Snapshot.DBInstances" reads as "DBInstances" in a message.
    private static string Short(string expression) => expression[(expression.LastIndexOf('.') + 1)..];
}
