using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.PrivateAccess;

/// <summary>
/// No manual snapshot of the stack's databases may be restored by every AWS account (attribute <c>restore</c> holding
/// <c>all</c>). Sharing with named accounts passes, with the accounts as evidence. Automated snapshots cannot be shared.
/// Peers: Prowler <c>rds_snapshots_public_access</c> (164.308(a)(1)(ii)(B), 164.308(a)(3)(i), 164.312(a)(1)); AWS Config
/// <c>rds-snapshots-public-prohibited</c>.
/// </summary>
public sealed class RdsSnapshotsNotPublic : DatabaseSnapshotControl
{
    public override string Title => "Manual snapshots of the stack's databases are not shared publicly";
    public override string Area => "Private access";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "A public snapshot can be restored by any AWS account in the world, handing over the whole ePHI database without touching the stack.";
    public override string Remediation => "Remove all from the snapshot's restore attribute (aws rds modify-db-snapshot-attribute --attribute-name restore --values-to-remove all, or modify-db-cluster-snapshot-attribute), and share only with named accounts if at all.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.308(a)(3)(i)"];

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        (DatabaseSnapshot.Of(context.Snapshot).Value ?? []).Where(s => s.SnapshotType == "manual").Select(s => Fact.Of(Attributes(context, s), "DescribeDBSnapshotAttributes"));

    protected override string? NotApplicableBecause(EvaluationContext context, DatabaseSnapshot resource) =>
        resource.SnapshotType == "manual" ? null : $"{resource.Kind} {resource.Id} is {resource.SnapshotType ?? "of unreported type"}: only manual snapshots can be shared.";

    protected override Finding Judge(EvaluationContext context, DatabaseSnapshot snapshot)
    {
        var restore = Attributes(context, snapshot).Value!.FirstOrDefault(a => a.AttributeName == "restore")?.AttributeValues ?? [];
        var evidence = Evidence.Of(("restore", restore));
        return restore.Contains("all", StringComparer.Ordinal)
            ? Fail(context, snapshot.Arn, $"RDS {snapshot.Kind} {snapshot.Id} of {snapshot.Database} is public: any AWS account may restore it.", evidence)
            : Pass(context, snapshot.Arn, restore.Count == 0
                ? $"RDS {snapshot.Kind} {snapshot.Id} of {snapshot.Database} is not shared."
                : $"RDS {snapshot.Kind} {snapshot.Id} of {snapshot.Database} is not public (shared with {string.Join(", ", restore)}).", evidence);
    }

    private static Fetched<List<DBSnapshotAttribute>> Attributes(EvaluationContext context, DatabaseSnapshot snapshot) =>
        context.Snapshot.DBSnapshotAttributes.TryGetValue(snapshot.Arn, out var attributes)
            ? attributes
            : Fetched<List<DBSnapshotAttribute>>.Failed(new CollectionError(snapshot.Kind == "DB snapshot" ? "rds:DescribeDBSnapshotAttributes" : "rds:DescribeDBClusterSnapshotAttributes", "NotCollected",
                $"the snapshot holds no attributes for {snapshot.Kind} {snapshot.Id}: the collector never asked", context.Region));
}
