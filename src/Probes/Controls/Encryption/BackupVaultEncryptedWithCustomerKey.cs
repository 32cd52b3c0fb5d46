using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Encryption;

/// <summary>The vaults that hold the stack database's recovery points are encrypted with a customer managed KMS key.</summary>
/// <remarks>
/// Only vaults targeted by a rule of a plan that assigns the stack's database are judged (other teams' vaults are out of
/// scope). A key is customer managed when Backup says so (EncryptionKeyType), when it is the stack key, or when the
/// account's aliases name it by a non-"aws/" alias; a key behind an "aws/" alias (aws/backup) is AWS managed. Vault Lock
/// (Locked, MinRetentionDays, MaxRetentionDays) is reported as evidence, not required: compliance-mode lock is
/// irreversible and a policy decision (AWS Config's HIPAA pack asks instead for
/// <c>backup-recovery-point-manual-deletion-disabled</c>). Peers: AWS Config's <c>backup-recovery-point-encrypted</c> (in
/// its HIPAA pack) and Steampipe's
/// <c>backup_recovery_point_encryption_enabled</c> accept any encryption, the AWS managed key included; this control is
/// stricter because a customer key's policy decides who can restore (decrypt) the copies. Prowler's
/// <c>backup_vaults_encrypted</c> is likewise satisfied by any key and is not in its HIPAA mapping.
/// </remarks>
public sealed class BackupVaultEncryptedWithCustomerKey : ResourceControl<BackupVault>
{
    public override string Title => "The AWS Backup vaults holding the stack database's recovery points are encrypted with a customer managed KMS key";
    public override string Area => "Encryption";
    public override string Service => "AWS Backup";
    public override Severity Severity => Severity.High;
    public override string Risk => "Recovery points hold a full copy of the ePHI. Under the AWS managed key aws/backup anyone in the account with Backup restore rights can read them, and the key's policy cannot be narrowed, audited per principal or revoked in an incident.";
    public override string Remediation => "Create the aws_backup_vault with kms_key_arn = the stack's customer managed key (KmsKeyArn in AWS::Backup::BackupVault); a vault's key cannot be changed, so create a new vault and point the plan rule's target_vault_name at it. Consider aws_backup_vault_lock_configuration for immutable copies.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)"];
    protected override string ResourceKind => "AWS Backup vault";

    protected override Fetched<List<BackupVault>> Resources(EvaluationContext context)
    {
        var names = BackupCoverage.RulesForStackDatabases(context.Snapshot).Select(r => r.Rule.TargetBackupVaultName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var answers = names.Select(name => context.Snapshot.BackupVaults.TryGetValue(name, out var vault) ? vault
            : Fetched<BackupVault>.Failed(new CollectionError($"backup:DescribeBackupVault", "NotCollected", $"the snapshot holds no DescribeBackupVault answer for vault {name}", context.Region))).ToList();
        return answers.FirstOrDefault(a => a.Error is not null)?.Error is { } error
            ? Fetched<List<BackupVault>>.Failed(error)
            : Fetched<List<BackupVault>>.Of([.. answers.Select(a => a.Value!)]);
    }

    protected override string ResourceId(BackupVault resource) => resource.BackupVaultArn ?? resource.BackupVaultName;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [Fact.Of(context.Snapshot.DBInstances), Fact.Of(context.Snapshot.DBClusters), Fact.Of(context.Snapshot.BackupPlans), Fact.Of(context.Snapshot.Aliases)];

    protected override string? NoneExpectedBecause(EvaluationContext context) =>
        "no AWS Backup plan assigns the stack's database, so no vault holds its recovery points (DatabaseCoveredByBackupPlan judges that).";

    protected override Finding Judge(EvaluationContext context, BackupVault vault)
    {
        var id = ResourceId(vault);
        var keyId = context.Key.Resolve(vault.EncryptionKeyArn);
        var aliases = context.Snapshot.Aliases.Value!.Where(a => keyId is not null && string.Equals(a.TargetKeyId, keyId, StringComparison.OrdinalIgnoreCase)).Select(a => a.AliasName).ToList();
        var stackKey = context.Key.IsStackKey(vault.EncryptionKeyArn);
        var evidence = Evidence.Of(
            ("EncryptionKeyArn", vault.EncryptionKeyArn), ("EncryptionKeyType", vault.EncryptionKeyType), ("isStackKey", stackKey),
            ("keyAliases", aliases), ("Locked", vault.Locked), ("MinRetentionDays", vault.MinRetentionDays),
            ("MaxRetentionDays", vault.MaxRetentionDays), ("LockDate", vault.LockDate));
        var name = $"AWS Backup vault {vault.BackupVaultName}";
        var managed = aliases.FirstOrDefault(a => a.StartsWith("alias/aws/", StringComparison.Ordinal));
        var lockNote = vault.Locked == true ? $", Vault Lock on (minimum {vault.MinRetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"} days)" : ", no Vault Lock";
        return (vault.EncryptionKeyArn, vault.EncryptionKeyType) switch
        {
            (null, _) => Unreported(context, id, name, "EncryptionKeyArn"),
            (_, "AWS_OWNED_KMS_KEY") => Fail(context, id, $"{name} is encrypted with an AWS owned key, not a customer managed key.", evidence),
            _ when stackKey => Pass(context, id, $"{name} is encrypted with the stack's KMS key{lockNote}.", evidence),
            _ when managed is not null => Fail(context, id, $"{name} is encrypted with the AWS managed key {managed}, not a customer managed key.", evidence),
            (_, "CUSTOMER_MANAGED_KMS_KEY") => Pass(context, id, $"{name} is encrypted with customer managed key {vault.EncryptionKeyArn}{lockNote}.", evidence),
            _ when aliases.Count > 0 => Pass(context, id, $"{name} is encrypted with customer managed key {aliases[0]}{lockNote}.", evidence),
            _ => Error(context, id, $"{name} is encrypted with {vault.EncryptionKeyArn}, which is not the stack key, has no alias in the account and whose type AWS Backup did not report, so whether it is customer managed is unknown."),
        };
    }
}
