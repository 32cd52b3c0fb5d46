using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The stack's load balancers, their listeners, the rules of their plaintext HTTP listeners by listener ARN, attributes and web ACLs.</summary>
internal sealed record LoadBalancerPart(Fetched<List<LoadBalancer>> LoadBalancers, Fetched<List<Listener>> Listeners, Dictionary<string, Fetched<List<Rule>>> Rules, List<ScopedResource> Scope)
{
    /// <summary>DescribeLoadBalancerAttributes by load balancer ARN.</summary>
    public Dictionary<string, Fetched<List<LoadBalancerAttribute>>> Attributes { get; init; } = [];

    /// <summary>GetWebACLForResource by load balancer ARN (a null value: no web ACL is associated).</summary>
    public Dictionary<string, Fetched<WebACL>> WebACLs { get; init; } = [];

    /// <summary>GetLoggingConfiguration by web ACL ARN (a null value: the web ACL does not log).</summary>
    public Dictionary<string, Fetched<LoggingConfiguration>> WebACLLogging { get; init; } = [];
}

/// <summary>Lists the account's load balancers, keeps the stack's, and asks for their listeners, attributes and web ACLs.</summary>
internal static class LoadBalancerCollector
{
    public static async Task<LoadBalancerPart> CollectAsync(AwsQuestions aws, StackOutputs outputs, CancellationToken ct)
    {
        var all = await aws.Ask("elasticloadbalancing:DescribeLoadBalancers", () => aws.Elbv2.DescribeLoadBalancersAsync(ct)).ConfigureAwait(false);
        if (all.Error is { } error)
        {
            return new(all, Fetched<List<Listener>>.Failed(error), [], []);
        }

        var kept = StackScope.LoadBalancers(outputs, all.Value!);
        var arns = kept.Items.Select(lb => lb.LoadBalancerArn).ToList();
        var attributes = arns.ToDictionary(arn => arn, arn => aws.Ask($"elasticloadbalancing:DescribeLoadBalancerAttributes:{arn}", () => aws.Elbv2.DescribeLoadBalancerAttributesAsync(arn, ct)), StringComparer.Ordinal);
        var acls = arns.ToDictionary(arn => arn, arn => aws.Ask<WebACL>($"wafv2:GetWebACLForResource:{arn}", () => aws.Waf.GetWebACLForResourceAsync(arn, ct)!), StringComparer.Ordinal);
        var listeners = await Task.WhenAll(arns.Select(arn => aws.Ask($"elasticloadbalancing:DescribeListeners:{arn}", () => aws.Elbv2.DescribeListenersAsync(arn, ct)))).ConfigureAwait(false);
        var joined = Answers.Join(listeners);

        // Only a plaintext listener's rules decide whether anything is served without TLS; HTTPS listeners' rules are not asked for.
        var plaintext = (joined.Value ?? []).Where(l => l.Protocol == "HTTP").ToList();
        var rules = Task.WhenAll(plaintext.Select(l => aws.Ask($"elasticloadbalancing:DescribeRules:{l.ListenerArn}", () => aws.Elbv2.DescribeRulesAsync(l.ListenerArn, ct))));
        await Task.WhenAll(acls.Values).ConfigureAwait(false);
        var aclArns = acls.Values.Select(a => a.Result.Value?.ARN).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var logging = aclArns.ToDictionary(arn => arn, arn => aws.Ask<LoggingConfiguration>($"wafv2:GetLoggingConfiguration:{arn}", () => aws.Waf.GetLoggingConfigurationAsync(arn, ct)!), StringComparer.Ordinal);
        await Task.WhenAll([.. attributes.Values, .. logging.Values]).ConfigureAwait(false);
        return new(Fetched<List<LoadBalancer>>.Of(kept.Items), joined, plaintext.Zip(await rules.ConfigureAwait(false)).ToDictionary(p => p.First.ListenerArn, p => p.Second, StringComparer.Ordinal), kept.Scope)
        {
            Attributes = attributes.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
            WebACLs = acls.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
            WebACLLogging = logging.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal),
        };
    }
}
