using Verification.Probes.Collection;

namespace Verification.Probes.Controls.StateBucket;

/// <summary>A control over the IaC state bucket: applies only when the outputs or settings name one.</summary>
public abstract class StateBucketControl : Control
{
    public override string Area => "State bucket";
    public override string Service => "S3";

    protected sealed override IEnumerable<Fact> Facts(EvaluationContext context) =>
        context.Snapshot.StateBucket is { } bucket ? [Answer(bucket)] : [];

    /// <summary>The one answer about the bucket this control reads.</summary>
    protected abstract Fact Answer(Collection.StateBucket bucket);

    protected sealed override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        return context.Snapshot.StateBucket is { } bucket
            ? [Evaluate(context, bucket)]
            : [NotApplicable(context, "state bucket", "No state bucket is named by the outputs (state_bucket) or the settings (StateBucket).")];
    }

    /// <summary>The one finding for <paramref name="bucket"/>.</summary>
    protected abstract Finding Evaluate(EvaluationContext context, Collection.StateBucket bucket);
}
