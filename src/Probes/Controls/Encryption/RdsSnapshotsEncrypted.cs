using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.Encryption;

/// <summary>
/// Every snapshot of the stack's databases, automated or manual, instance or cluster, is encrypted. A snapshot of an
/// encrypted database is encrypted by construction; an unencrypted one is a copy made from an unencrypted source or an
/// older database. Peers: AWS Config <c>rds-snapshot-encrypted</c>; Prowler <c>rds_snapshots_encrypted</c> (not in its
/// HIPAA mapping). Any KMS key passes, the key is evidence: a copy may legitimately use a backup account's key.
/// </summary>
public sealed class RdsSnapshotsEncrypted : DatabaseSnapshotControl
{
    public override string Title => "Snapshots of the stack's databases are encrypted";
    public override string Area => "Encryption";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "An unencrypted snapshot holds a full copy of the ePHI database in the clear: whoever can restore or copy it reads every record, whatever the live database's encryption.";
    public override string Remediation => "Delete the unencrypted snapshot after copying it encrypted (aws rds copy-db-snapshot --kms-key-id <stack key>); keep storage_encrypted = true with kms_key_id on the aws_db_instance / aws_rds_cluster so new snapshots inherit it, and set kms_key_id on any aws_db_snapshot_copy.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)"];

    protected override Finding Judge(EvaluationContext context, DatabaseSnapshot snapshot)
    {
        if (snapshot.Encrypted is not { } encrypted)
        {
            return Unreported(context, snapshot.Arn, $"{snapshot.Kind} {snapshot.Id}", snapshot.EncryptedMember);
        }

        var evidence = Evidence.Of((snapshot.EncryptedMember, encrypted), ("KmsKeyId", snapshot.KmsKeyId), ("SnapshotType", snapshot.SnapshotType));
        return encrypted
            ? Pass(context, snapshot.Arn, $"RDS {snapshot.Kind} {snapshot.Id} of {snapshot.Database} is encrypted with {snapshot.KmsKeyId ?? "a KMS key"}.", evidence)
            : Fail(context, snapshot.Arn, $"RDS {snapshot.Kind} {snapshot.Id} of {snapshot.Database} is not encrypted.", evidence);
    }
}
