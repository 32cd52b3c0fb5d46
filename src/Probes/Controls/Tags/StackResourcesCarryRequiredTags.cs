using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Tags;

/// <summary>The VPC, its subnets, the databases and the secret carry the organisation's required tag keys.</summary>
public sealed class StackResourcesCarryRequiredTags : Control
{
    public override string Title => "Stack resources carry the required tags";
    public override string Area => "Tags";
    public override string Service => "Resource Groups Tagging";
    public override Severity Severity => Severity.Low;
    public override string Risk => "Untagged resources fall out of cost reports, ownership lookups and tag-scoped IAM and backup policies, so nobody is told when they drift.";
    public override string Remediation => "Set the required tags once on the provider (default_tags in Terraform/CDKTF, a stack-level transformation in Pulumi) so every resource inherits them; the keys are runsettings RequiredTags.";

    // Tagging is the organisation's inventory policy; no section of the Security Rule requires it.
    public override IReadOnlyList<string> Hipaa => [];

    protected override IEnumerable<Fact> Facts(EvaluationContext context) =>
        [Fact.Of(context.Snapshot.Vpc), Fact.Of(context.Snapshot.Subnets), Fact.Of(context.Snapshot.DBInstances), Fact.Of(context.Snapshot.DBClusters), Fact.Of(context.Snapshot.Secret)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var snapshot = context.Snapshot;
        var findings = new List<Finding>();
        void Judge(string kind, string id, List<Tag> tags)
        {
            var missing = context.Policy.RequiredTags.Where(k => !tags.Any(t => t.Key == k)).ToList();
            var evidence = Evidence.Of(("tagKeys", tags.Select(t => t.Key).Order(StringComparer.Ordinal)), ("requiredTags", context.Policy.RequiredTags), ("missing", missing));
            findings.Add(missing.Count == 0
                ? Pass(context, id, $"{kind} {id} carries the required tags {string.Join(", ", context.Policy.RequiredTags)}.", evidence)
                : Fail(context, id, $"{kind} {id} lacks the required tags {string.Join(", ", missing)}.", evidence));
        }

        if (snapshot.Vpc.Value is { } vpc)
        {
            Judge("VPC", vpc.VpcId, vpc.Tags);
        }

        foreach (var subnet in snapshot.Subnets.Value ?? [])
        {
            Judge("VPC subnet", subnet.SubnetId, subnet.Tags);
        }

        foreach (var instance in snapshot.DBInstances.Value ?? [])
        {
            Judge("RDS DB instance", instance.DBInstanceIdentifier, instance.TagList);
        }

        foreach (var cluster in snapshot.DBClusters.Value ?? [])
        {
            Judge("Aurora cluster", cluster.DBClusterIdentifier, cluster.TagList);
        }

        if (snapshot.Secret.Value is { } secret)
        {
            Judge("Secrets Manager secret", secret.Name ?? secret.ARN, secret.Tags);
        }

        return findings;
    }
}
