using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Audit;

/// <summary>What the CloudTrail controls read about the account's trails.</summary>
internal static class Trails
{
    /// <summary>The answer recorded under <paramref name="trail"/>'s ARN, or a never-collected one (an Error, never "not logging").</summary>
    public static Fetched<T> Of<T>(Dictionary<string, Fetched<T>> answers, Trail trail) =>
        trail.TrailARN is { } arn && answers.TryGetValue(arn, out var answer)
            ? answer
            : Fetched<T>.Failed(new CollectionError("cloudtrail:" + typeof(T).Name, "NotCollected", $"the snapshot holds no {typeof(T).Name} for trail {trail.Name}: the collector never asked", ""));

    /// <summary>A fact per trail's status (and selectors when asked), named after the call.</summary>
    public static IEnumerable<Fact> StatusFacts(AccountAudit account, IEnumerable<Trail> trails, bool selectors = false) =>
        trails.SelectMany(t => selectors
            ? new[] { Fact.Of(Of(account.TrailStatus, t), "GetTrailStatus"), Fact.Of(Of(account.EventSelectors, t), "GetEventSelectors") }
            : [Fact.Of(Of(account.TrailStatus, t), "GetTrailStatus")]);

    /// <summary>The account and region a trail finding names when no trail qualifies.</summary>
    public static string AccountResource(EvaluationContext context) =>
        $"arn:aws:cloudtrail:{context.Region}:{context.Snapshot.Caller.Value?.Account ?? "unknown"}:trail/*";
}
