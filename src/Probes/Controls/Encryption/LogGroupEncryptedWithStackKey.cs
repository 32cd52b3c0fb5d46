using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Encryption;

/// <summary>Every stack log group is encrypted with the stack's KMS key (the seeds removed it to get past a key-policy error).</summary>
public sealed class LogGroupEncryptedWithStackKey : ResourceControl<LogGroup>
{
    public override string Title => "Stack log groups are encrypted with the stack's KMS key";
    public override string Area => "Encryption";
    public override string Service => "CloudWatch Logs";
    public override Severity Severity => Severity.High;
    public override string Risk => "Application logs routinely carry ePHI fragments (identifiers, request bodies); without the stack key they are protected only by CloudWatch's service-owned encryption and the stack's key policy cannot revoke access.";
    public override string Remediation => "Set kms_key_id on the log group to the kms_key_arn output, and give the key policy a statement for the service principal logs.<region>.amazonaws.com with an ArnLike condition on kms:EncryptionContext:aws:logs:arn (without it creation fails with 'The specified KMS key does not exist or is not allowed to be used').";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(2)(iv)", "164.312(b)"];
    protected override string ResourceKind => "stack log group";

    protected override Fetched<List<LogGroup>> Resources(EvaluationContext context) => context.Snapshot.LogGroups;

    protected override string ResourceId(LogGroup resource) => resource.Arn ?? resource.LogGroupName;

    protected override Finding Judge(EvaluationContext context, LogGroup group)
    {
        var evidence = Evidence.Of(("kmsKeyId", group.KmsKeyId), ("stackKeyId", context.Key.KeyId));
        if (group.KmsKeyId is null)
        {
            return Fail(context, ResourceId(group), $"CloudWatch Logs log group {group.LogGroupName} is not encrypted with a customer key (no kmsKeyId).", evidence);
        }

        return context.Key.IsStackKey(group.KmsKeyId)
            ? Pass(context, ResourceId(group), $"CloudWatch Logs log group {group.LogGroupName} is encrypted with the stack key {context.Key.KeyId}.", evidence)
            : Fail(context, ResourceId(group), $"CloudWatch Logs log group {group.LogGroupName} is encrypted with {group.KmsKeyId}, not the stack key {context.Key.KeyId}.", evidence);
    }
}
