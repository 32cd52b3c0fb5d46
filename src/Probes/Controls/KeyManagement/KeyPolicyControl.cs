using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.KeyManagement;

/// <summary>A control judged on the stack key's policy: a failed GetKeyPolicy or an unreadable document is a failed fact, so one Error finding.</summary>
public abstract class KeyPolicyControl : Control
{
    public override string Area => "Key management";
    public override string Service => "KMS";

    /// <summary>The verdicts on the parsed policy of the key <paramref name="keyArn"/>.</summary>
    protected abstract IEnumerable<Finding> Judge(EvaluationContext context, PolicyDocument policy, string keyArn);

    protected override IEnumerable<Fact> Facts(EvaluationContext context) => [PolicyDocument.KeyFact(context.Snapshot)];

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var keyArn = context.Snapshot.Key.Value?.Arn ?? context.Snapshot.Outputs.KmsKeyArn;
        return Judge(context, PolicyDocument.OfKey(context.Snapshot).Value!, keyArn);
    }

    /// <summary>The account that owns the key, from its ARN.</summary>
    protected static string AccountOf(string keyArn) => Wildcard.AccountOf(keyArn);
}
