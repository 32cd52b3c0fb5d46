using Verification.Probes.Collection;

using Verification.Probes.Controls.Database;

namespace Verification.Probes.Controls.Encryption;

/// <summary>RDS instance and Aurora cluster storage is encrypted with the stack's own KMS key.</summary>
public sealed class RdsStorageEncryptedWithStackKey : ResourceControl<DatabaseUnit>
{
    public override string Title => "RDS and Aurora storage is encrypted at rest with the stack's KMS key";
    public override string Area => "Encryption";
    public override string Service => "RDS";
    public override Severity Severity => Severity.Critical;
    public override string Risk => "Unencrypted storage, snapshots and backups expose ePHI to anyone who obtains the volume or a snapshot; a key other than the stack's escapes the stack's key policy and rotation.";
    public override string Remediation => "Encryption cannot be turned on in place: snapshot the database, copy the snapshot with the stack key (kms_key_id = the kms_key_arn output), restore from it, and set storage_encrypted = true / StorageEncrypted: true with kms_key_id in the IaC.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.308(a)(1)(ii)(B)"];
    protected override string ResourceKind => "RDS DB instance or Aurora cluster";

    protected override Fetched<List<DatabaseUnit>> Resources(EvaluationContext context) => DatabaseUnit.Of(context.Snapshot);

    protected override string ResourceId(DatabaseUnit resource) => resource.Arn;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => DatabaseUnit.Facts(context.Snapshot);

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var evidence = Evidence.Of(("StorageEncrypted", db.StorageEncrypted), ("KmsKeyId", db.KmsKeyId), ("stackKeyId", context.Key.KeyId), ("inScopeBecause", db.ScopeReason));
        if (db.StorageEncrypted is null)
        {
            return Unreported(context, db.Arn, db.Name, "StorageEncrypted");
        }

        if (db.StorageEncrypted == false)
        {
            return Fail(context, db.Arn, $"{db.Name} stores data unencrypted (StorageEncrypted is false).", evidence);
        }

        return context.Key.IsStackKey(db.KmsKeyId)
            ? Pass(context, db.Arn, $"{db.Name} is encrypted with the stack key {context.Key.KeyId}.", evidence)
            : Fail(context, db.Arn, $"{db.Name} is encrypted with {db.KmsKeyId ?? "an unnamed key"}, not the stack key {context.Key.KeyId}.", evidence);
    }
}
