using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>One backup rule that applies to a resource, with the plan it belongs to.</summary>
/// <param name="RetentionDays">The rule's Lifecycle.DeleteAfterDays; null means recovery points are kept until deleted by hand.</param>
public sealed record CoveringRule(string PlanName, string PlanId, BackupRule Rule, long? RetentionDays)
{
    /// <summary>Whether the rule keeps recovery points at least <paramref name="days"/> days.</summary>
    public bool Keeps(int days) => RetentionDays is null || RetentionDays >= days;

    public override string ToString() =>
        $"{PlanName}/{Rule.RuleName} → {Rule.TargetBackupVaultName} ({(RetentionDays is { } d ? $"{d} days" : "kept until deleted")})";
}

/// <summary>
/// Which backup plans assign a resource, read the way AWS Backup reads a selection: the resource is assigned when its ARN
/// matches Resources (ARN patterns with *) or one ListOfTags entry (STRINGEQUALS, ORed), every Conditions entry holds (ANDed),
/// and no NotResources pattern matches it.
/// </summary>
public static class BackupCoverage
{
    /// <summary>The RDS instance or Aurora cluster's rules, from every plan one of whose selections assigns it.</summary>
    public static List<CoveringRule> RulesFor(StackSnapshot snapshot, string arn, IReadOnlyList<Tag> tags)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. (snapshot.BackupPlans.Value ?? [])
            .Where(plan => plan.Selections.Any(selection => Assigns(selection, arn, tags)))
            .SelectMany(plan => plan.Plan.BackupPlan.Rules.Select(rule => new CoveringRule(
                plan.Plan.BackupPlan.BackupPlanName ?? plan.Plan.BackupPlanId, plan.Plan.BackupPlanId, rule, rule.Lifecycle?.DeleteAfterDays)))];
    }

    /// <summary>The rules covering each of the stack's databases (standalone instances and Aurora clusters).</summary>
    public static IEnumerable<CoveringRule> RulesForStackDatabases(StackSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var instances = (snapshot.DBInstances.Value ?? []).Where(i => i.DBClusterIdentifier is null).Select(i => (Arn: i.DBInstanceArn ?? "", Tags: i.TagList));
        var clusters = (snapshot.DBClusters.Value ?? []).Select(c => (Arn: c.DBClusterArn ?? "", Tags: c.TagList));
        return instances.Concat(clusters).SelectMany(db => RulesFor(snapshot, db.Arn, db.Tags));
    }

    /// <summary>Whether <paramref name="selection"/> assigns the resource <paramref name="arn"/> carrying <paramref name="tags"/>.</summary>
    public static bool Assigns(BackupSelection selection, string arn, IReadOnlyList<Tag> tags)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(tags);
        var byArn = selection.Resources.Any(pattern => Wildcard.Matches(pattern, arn));
        var byTag = selection.ListOfTags.Any(c => tags.Any(t => t.Key == c.ConditionKey && t.Value == c.ConditionValue));
        var conditions = selection.Conditions;
        var meetsConditions = conditions is null
            || (conditions.StringEquals.All(c => TagOf(tags, c.ConditionKey) == c.ConditionValue)
                && conditions.StringNotEquals.All(c => TagOf(tags, c.ConditionKey) != c.ConditionValue)
                && conditions.StringLike.All(c => TagOf(tags, c.ConditionKey) is { } v && Wildcard.Matches(c.ConditionValue, v))
                && conditions.StringNotLike.All(c => TagOf(tags, c.ConditionKey) is not { } v || !Wildcard.Matches(c.ConditionValue, v)));

        // A selection of Conditions alone (Resources "*" is how the console writes it) still needs a matching ARN or tag.
        return (byArn || byTag) && meetsConditions && !selection.NotResources.Any(pattern => Wildcard.Matches(pattern, arn));
    }

    // Conditions name tags as "aws:ResourceTag/<key>".
    private static string? TagOf(IReadOnlyList<Tag> tags, string conditionKey)
    {
        const string Prefix = "aws:ResourceTag/";
        var key = conditionKey.StartsWith(Prefix, StringComparison.Ordinal) ? conditionKey[Prefix.Length..] : conditionKey;
        return tags.FirstOrDefault(t => t.Key == key)?.Value;
    }
}
