namespace Verification.Probes.Controls.KeyManagement;

/// <summary>A control judged on the stack key's policy: a failed GetKeyPolicy or an unreadable document is one Error finding.</summary>
public abstract class KeyPolicyControl : Control
{
    public override string Area => "Key management";
    public override string Service => "KMS";

    /// <summary>The verdicts on the parsed policy of the key <paramref name="keyArn"/>.</summary>
    protected abstract IEnumerable<Finding> Judge(EvaluationContext context, KeyPolicy policy, string keyArn);

    public override IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        var keyArn = context.Snapshot.Key.Value?.Arn ?? context.Snapshot.Outputs.KmsKeyArn;
        var policy = KeyPolicy.Of(context.Snapshot);
        return policy.Error is { } error ? [Error(context, keyArn, error)] : Judge(context, policy.Value!, keyArn);
    }

    /// <summary>The account that owns the key, from its ARN.</summary>
    protected static string AccountOf(string keyArn) => keyArn.Split(':') is { Length: > 4 } parts ? parts[4] : "";
}
