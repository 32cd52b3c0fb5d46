using System.Text.Json;
using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Controls.StateBucket;

/// <summary>The state bucket's policy denies every request not made over TLS.</summary>
public sealed class StateBucketDeniesInsecureTransport : StateBucketControl
{
    public override string Title => "The IaC state bucket's policy denies every request not made over TLS, to the bucket and every object";
    public override Severity Severity => Severity.High;
    public override string Risk => "S3 still answers plain HTTP, so a misconfigured client or tool could read or write the state file, and the database password in it, unencrypted on the network.";
    public override string Remediation => "Attach an aws_s3_bucket_policy with a statement Effect Deny, Principal \"*\", Action \"s3:*\", Resource [bucket ARN, \"<bucket ARN>/*\"], Condition { Bool = { \"aws:SecureTransport\" = \"false\" } } and no other condition.";

    // Transmission security: encryption of the state (and its credential) in transit.
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)"];

    protected override Fact Answer(Collection.StateBucket bucket) => Fact.Optional(bucket.Policy);

    protected override Finding Evaluate(EvaluationContext context, Collection.StateBucket bucket)
    {
        if (bucket.Policy.Value is not { } text)
        {
            return Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} has no bucket policy, so nothing denies requests made over plain HTTP.", Evidence.Of(("policy", "none")));
        }

        PolicyDocument policy;
        try
        {
            policy = PolicyDocument.Parse(text);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Error(context, bucket.Arn, $"the policy of S3 bucket {bucket.Name} is not a policy document ({e.Message}).");
        }

        // The statements may split the work (one for the bucket, one for its objects); each must deny everyone every S3 action over plain HTTP.
        var qualifying = policy.Denies.Where(DeniesEveryoneOverHttp).ToList();
        var onBucket = qualifying.Where(s => s.Resources.Any(r => Wildcard.Matches(r, bucket.Arn))).ToList();
        var onObjects = qualifying.Where(s => s.Resources.Any(r => CoversEveryObject(r, bucket.Arn))).ToList();
        var tlsDenies = policy.Denies.Where(s => s.On("aws:SecureTransport").Any()).ToList();
        var evidence = Evidence.Of(
            ("statements", policy.Statements.Select(s => s.Name)),
            ("secureTransportDenies", tlsDenies.Count > 0 ? tlsDenies.Select(Describe) : "none"),
            ("denyingOnBucket", onBucket.Count > 0 ? onBucket.Select(s => s.Name) : "none"),
            ("denyingOnEveryObject", onObjects.Count > 0 ? onObjects.Select(s => s.Name) : "none"));
        var missing = (onBucket.Count == 0, onObjects.Count == 0) switch
        {
            (true, true) => "the bucket and its objects",
            (true, false) => $"the bucket itself ({bucket.Arn})",
            (false, true) => $"every object ({bucket.Arn}/*)",
            _ => null,
        };
        return missing is null
            ? Pass(context, bucket.Arn, $"S3 bucket {bucket.Name} denies every principal every S3 action made without TLS, on the bucket and every object ({string.Join(", ", onBucket.Concat(onObjects).Select(s => s.Name).Distinct())}).", evidence)
            : Fail(context, bucket.Arn, $"S3 bucket {bucket.Name} has a policy, but no statement denies every principal every S3 action made without TLS on {missing}, with no condition besides aws:SecureTransport = false.", evidence);
    }

    /// <summary>A Deny for every principal, on every S3 action, whose only condition is aws:SecureTransport false.</summary>
    private static bool DeniesEveryoneOverHttp(PolicyStatement statement) =>
        statement is { AnyPrincipal: true, HasNotPrincipal: false, NotResources.Count: 0 }
        && statement.CoversEveryActionOf("s3")
        && statement.Conditions.Count > 0
        && statement.Conditions.All(c => string.Equals(c.Key, "aws:SecureTransport", StringComparison.OrdinalIgnoreCase)
            && (string.Equals(c.Operator, "Bool", StringComparison.OrdinalIgnoreCase) || string.Equals(c.Operator, "BoolIfExists", StringComparison.OrdinalIgnoreCase))
            && c.Values.Count > 0 && c.Values.Any(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// True when <paramref name="pattern"/> matches every object key whatever the IaC backend's layout (terraform.tfstate,
    /// env:/…, .pulumi/stacks/…): it ends in * and what precedes that * matches the start of "bucketArn/".
    /// </summary>
    private static bool CoversEveryObject(string pattern, string bucketArn)
    {
        var objects = bucketArn + "/";
        return pattern.EndsWith('*')
            && Enumerable.Range(0, objects.Length + 1).Any(i => Wildcard.Matches(pattern[..^1], objects[..i]));
    }

    private static string Describe(PolicyStatement s) =>
        $"{s.Name}: principal {(s.HasNotPrincipal ? "NotPrincipal" : s.AnyPrincipal ? "*" : string.Join(" ", s.AwsPrincipals.Concat(s.ServicePrincipals)))}; actions {s.ActionPhrase}; resources {string.Join(" ", s.Resources)}{(s.NotResources.Count > 0 ? $" (NotResource {string.Join(" ", s.NotResources)})" : "")}; conditions {string.Join(", ", s.Conditions.Select(c => $"{c.Operator} {c.Key}={string.Join("|", c.Values)}"))}";
}
