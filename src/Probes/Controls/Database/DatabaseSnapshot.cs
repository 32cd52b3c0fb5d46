using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Database;

/// <summary>One snapshot of a stack database, DB instance or cluster, as the snapshot controls judge it.</summary>
/// <param name="Kind">"DB snapshot" or "DB cluster snapshot".</param>
public sealed record DatabaseSnapshot(string Kind, string Id, string Arn, string? Database, string? SnapshotType, bool? Encrypted, string EncryptedMember, string? KmsKeyId)
{
    /// <summary>Both lists, or the first failure (a failed list never reads as "no snapshots").</summary>
    public static Fetched<List<DatabaseSnapshot>> Of(StackSnapshot snapshot)
    {
        if ((snapshot.DBSnapshots.Error ?? snapshot.DBClusterSnapshots.Error) is { } error)
        {
            return Fetched<List<DatabaseSnapshot>>.Failed(error);
        }

        if (snapshot.DBSnapshots.Value is not { } instances || snapshot.DBClusterSnapshots.Value is not { } clusters)
        {
            return new();
        }

        return Fetched<List<DatabaseSnapshot>>.Of([
            .. instances.Select(s => new DatabaseSnapshot("DB snapshot", s.DBSnapshotIdentifier, s.DBSnapshotArn ?? s.DBSnapshotIdentifier, s.DBInstanceIdentifier, s.SnapshotType, s.Encrypted, "Encrypted", s.KmsKeyId)),
            .. clusters.Select(s => new DatabaseSnapshot("DB cluster snapshot", s.DBClusterSnapshotIdentifier, s.DBClusterSnapshotArn ?? s.DBClusterSnapshotIdentifier, s.DBClusterIdentifier, s.SnapshotType, s.StorageEncrypted, "StorageEncrypted", s.KmsKeyId)),
        ]);
    }
}

/// <summary>A control judged per snapshot of the stack's databases.</summary>
public abstract class DatabaseSnapshotControl : ResourceControl<DatabaseSnapshot>
{
    public override string Service => "RDS";
    protected override string ResourceKind => "RDS snapshot";

    protected override Fetched<List<DatabaseSnapshot>> Resources(EvaluationContext context) => DatabaseSnapshot.Of(context.Snapshot);

    protected override string ResourceId(DatabaseSnapshot resource) => resource.Arn;

    protected override string? NoneExpectedBecause(EvaluationContext context) => "the stack's databases have no automated or manual snapshots.";
}
