using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Outputs;

/// <summary>Every resource the stack outputs name exists in the account and region the suite runs against.</summary>
public sealed class StackOutputsResolveToResources : Control
{
    public override string Title => "Every stack output names a resource that exists in the account";
    public override string Area => "Outputs";
    public override string Service => "Stack outputs";
    public override Severity Severity => Severity.High;
    public override string Risk => "An output that points nowhere (a stale outputs file, another region or account) means the suite would be judging the wrong stack.";
    public override string Remediation => "Regenerate the outputs file from the deployed stack (pulumi stack output --json, terraform output -json, cdktf deploy --outputs-file) and run in the stack's account and region.";
    public override IReadOnlyList<string> Hipaa => [];

    public override IEnumerable<Finding> Evaluate(EvaluationContext context)
    {
        var s = context.Snapshot;
        var o = s.Outputs;
        yield return Judge(context, "vpc_id", o.VpcId, s.Vpc.Error, s.Vpc.Value is not null);
        yield return Judge(context, "db_endpoint", o.DbEndpoint.ToString(), s.DBInstances.Error ?? s.DBClusters.Error,
            s.Scope.Any(r => r.Reason == "named by output db_endpoint"));
        yield return Judge(context, "redis_endpoint", o.RedisEndpoint.ToString(), s.ReplicationGroups.Error, s.Scope.Any(r => r.Reason == "named by output redis_endpoint"));
        yield return Judge(context, "alb_dns_name", o.AlbDnsName, s.LoadBalancers.Error, s.Scope.Any(r => r.Reason == "named by output alb_dns_name"));
        yield return Judge(context, "kms_key_arn", o.KmsKeyArn, s.Key.Error, s.Key.Value is not null);
        yield return Judge(context, "db_secret_arn", o.DbSecretArn, s.Secret.Error, s.Secret.Value is not null);
        if (s.Caller.Value is { } caller && o.ArnAccount.Length > 0 && caller.Account != o.ArnAccount)
        {
            yield return Fail(context, o.KmsKeyArn, $"The outputs name account {o.ArnAccount} but the credentials belong to account {caller.Account}.",
                Evidence.Of(("outputsAccount", o.ArnAccount), ("callerAccount", caller.Account)));
        }

        if (o.ArnRegion.Length > 0 && o.ArnRegion != s.Region)
        {
            yield return Fail(context, o.KmsKeyArn, $"The outputs name region {o.ArnRegion} but the suite ran in {s.Region}.",
                Evidence.Of(("outputsRegion", o.ArnRegion), ("runRegion", s.Region)));
        }
    }

    private Finding Judge(EvaluationContext context, string output, string value, CollectionError? error, bool found)
    {
        if (error is not null)
        {
            return error.Code.Contains("NotFound", StringComparison.Ordinal)
                ? Error(context, value, $"output {output} names {value}, which does not exist in {context.Region} ({error.Code}).")
                : Error(context, value, error);
        }

        return found
            ? Pass(context, value, $"Output {output} names {value}, which exists.", Evidence.Of((output, value)))
            : Error(context, value, $"output {output} names {value}, but no such resource was found in {context.Region}.");
    }
}
