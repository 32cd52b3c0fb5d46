using System.Text.Json;
using Verification.Probes.Controls.KeyManagement;

namespace Verification.Probes.Controls.StateBucket;

/// <summary>The state bucket's policy denies every request not made over TLS.</summary>
public sealed class StateBucketDeniesInsecureTransport : StateBucketControl
{
    public override string Title => "The IaC state bucket's policy denies requests not made over TLS";
    public override Severity Severity => Severity.High;
    public override string Risk => "S3 still answers plain HTTP, so a misconfigured client or tool could read or write the state file, and the database password in it, unencrypted on the network.";
    public override string Remediation => "Attach an aws_s3_bucket_policy with a statement Effect Deny, Principal \"*\", Action \"s3:*\", Resource [bucket ARN, \"<bucket ARN>/*\"], Condition { Bool = { \"aws:SecureTransport\" = \"false\" } }.";

    // Transmission security: encryption of the state (and its credential) in transit.
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)"];

    protected override Fact Answer(Collection.StateBucket bucket) => Fact.Optional(bucket.Policy);

    protected override Finding Evaluate(EvaluationContext context, Collection.StateBucket bucket)
    {
        if (bucket.Policy.Value is not { } text)
        {
            return Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} has no bucket policy, so nothing denies requests made over plain HTTP.", Evidence.Of(("policy", "none")));
        }

        KeyPolicy policy;
        try
        {
            policy = KeyPolicy.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Error(context, bucket.Arn, $"the policy of S3 bucket {bucket.Name} is not a policy document ({e.Message}).");
        }

        var denying = policy.Statements.FirstOrDefault(s => DeniesInsecureTransport(s, bucket));
        var evidence = Evidence.Of(("statements", policy.Statements.Select(s => s.Name)), ("denyingStatement", denying?.Name));
        return denying is not null
            ? Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} denies requests made without TLS (statement {denying.Name}).", evidence)
            : Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} has a policy, but no statement denies everyone requests made without TLS to its objects.", evidence);
    }

    /// <summary>A Deny for everyone, on object reads, over the bucket's objects, when aws:SecureTransport is false.</summary>
    private static bool DeniesInsecureTransport(PolicyStatement statement, Collection.StateBucket bucket) =>
        !statement.IsAllow
        && statement.AnyPrincipal
        && statement.Covers("s3:GetObject")
        && statement.Resources.Any(r => KeyPolicy.Like(r, $"{bucket.Arn}/terraform.tfstate"))
        && statement.On("aws:SecureTransport").Any(c => c.Operator is "Bool" or "BoolIfExists" && c.Values.Any(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)));
}
