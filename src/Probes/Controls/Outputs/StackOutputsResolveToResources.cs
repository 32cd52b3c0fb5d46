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

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        var s = context.Snapshot;
        var o = s.Outputs;
        yield return Judge(context, "vpc_id", o.VpcId, s.Vpc.Error, s.Vpc.Value is not null);
        yield return Judge(context, "db_endpoint", o.DbEndpoint.ToString(), FirstError(Fact.Of(s.DBInstances), Fact.Of(s.DBClusters)),
            s.Scope.Any(r => r.Reason == "named by output db_endpoint"));
        yield return Judge(context, "redis_endpoint", o.RedisEndpoint.ToString(), s.ReplicationGroups.Error, s.Scope.Any(r => r.Reason == "named by output redis_endpoint"));
        yield return Judge(context, "alb_dns_name", o.AlbDnsName, s.LoadBalancers.Error, s.Scope.Any(r => r.Reason == "named by output alb_dns_name"));
        yield return Judge(context, "kms_key_arn", o.KmsKeyArn, s.Key.Error, s.Key.Value is not null);
        yield return Judge(context, "db_secret_arn", o.DbSecretArn, s.Secret.Error, s.Secret.Value is not null);
        foreach (var stray in OutsideTheVpc(s))
        {
            yield return Fail(context, stray.Resource, stray.Message, Evidence.Of(("stackVpc", o.VpcId), ("resourceVpc", stray.Vpc)));
        }

        // Without the caller's identity the account cannot be compared, and whatever else could not be established about
        // the stack (the VPC's interfaces, which databases are in the VPC, ...) is an error too, never a silent skip.
        var unknown = s.ScopeGaps.Select(g => g.Error).Prepend(o.ArnAccount.Length > 0 ? s.Caller.Error : null).OfType<CollectionError>().DistinctBy(e => e.Action);
        foreach (var error in unknown)
        {
            yield return Error(context, o.VpcId, error);
        }

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

    /// <summary>Endpoints the outputs name whose resources sit in another VPC: the outputs and the VPC describe different stacks.</summary>
    private static IEnumerable<(string Resource, string Vpc, string Message)> OutsideTheVpc(StackSnapshot s)
    {
        var o = s.Outputs;
        var groups = (s.DBSubnetGroups.Value ?? []).ToDictionary(g => g.DBSubnetGroupName, g => g.VpcId, StringComparer.Ordinal);
        foreach (var instance in (s.DBInstances.Value ?? []).Where(i => HostName.Same(i.Endpoint?.Address, o.DbEndpoint.Host)))
        {
            if (instance.DBSubnetGroup?.VpcId is { } vpc && vpc != o.VpcId)
            {
                yield return (instance.DBInstanceArn ?? instance.DBInstanceIdentifier, vpc, $"Output db_endpoint names RDS DB instance {instance.DBInstanceIdentifier}, which is in {vpc}, not the stack VPC {o.VpcId}.");
            }
        }

        foreach (var cluster in (s.DBClusters.Value ?? []).Where(c => HostName.Same(c.Endpoint, o.DbEndpoint.Host) || HostName.Same(c.ReaderEndpoint, o.DbEndpoint.Host)))
        {
            if (cluster.DBSubnetGroup is { } name && groups.GetValueOrDefault(name) is { } vpc && vpc != o.VpcId)
            {
                yield return (cluster.DBClusterArn ?? cluster.DBClusterIdentifier, vpc, $"Output db_endpoint names Aurora cluster {cluster.DBClusterIdentifier}, which is in {vpc}, not the stack VPC {o.VpcId}.");
            }
        }

        var cacheGroups = (s.CacheSubnetGroups.Value ?? []).ToDictionary(g => g.CacheSubnetGroupName, g => g.VpcId, StringComparer.Ordinal);
        foreach (var group in (s.ReplicationGroups.Value ?? []).Where(g => g.NodeGroups.Any(n => HostName.Same(n.PrimaryEndpoint?.Address, o.RedisEndpoint.Host) || HostName.Same(n.ReaderEndpoint?.Address, o.RedisEndpoint.Host)) || HostName.Same(g.ConfigurationEndpoint?.Address, o.RedisEndpoint.Host)))
        {
            var vpcs = (s.CacheClusters.Value ?? []).Where(c => c.ReplicationGroupId == group.ReplicationGroupId && c.CacheSubnetGroupName is not null)
                .Select(c => cacheGroups.GetValueOrDefault(c.CacheSubnetGroupName!)).OfType<string>().Where(v => v != o.VpcId).Distinct(StringComparer.Ordinal);
            foreach (var vpc in vpcs)
            {
                yield return (group.ARN ?? group.ReplicationGroupId, vpc, $"Output redis_endpoint names ElastiCache replication group {group.ReplicationGroupId}, which is in {vpc}, not the stack VPC {o.VpcId}.");
            }
        }
    }

    private static CollectionError? FirstError(params Fact[] facts) => facts.Select(f => f.Error).FirstOrDefault(e => e is not null);

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
