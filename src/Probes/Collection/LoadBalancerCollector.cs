using Verification.Probes.Aws.Model;
using Verification.Probes.Outputs;

namespace Verification.Probes.Collection;

/// <summary>The stack's load balancers, their listeners, and the rules of their plaintext HTTP listeners by listener ARN.</summary>
internal sealed record LoadBalancerPart(Fetched<List<LoadBalancer>> LoadBalancers, Fetched<List<Listener>> Listeners, Dictionary<string, Fetched<List<Rule>>> Rules, List<ScopedResource> Scope);

/// <summary>Lists the account's load balancers, keeps the stack's, and asks for their listeners.</summary>
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
        var listeners = await Task.WhenAll(kept.Items.Select(lb => aws.Ask($"elasticloadbalancing:DescribeListeners:{lb.LoadBalancerArn}", () => aws.Elbv2.DescribeListenersAsync(lb.LoadBalancerArn, ct)))).ConfigureAwait(false);
        var joined = Answers.Join(listeners);

        // Only a plaintext listener's rules decide whether anything is served without TLS; HTTPS listeners' rules are not asked for.
        var plaintext = (joined.Value ?? []).Where(l => l.Protocol == "HTTP").ToList();
        var rules = await Task.WhenAll(plaintext.Select(l => aws.Ask($"elasticloadbalancing:DescribeRules:{l.ListenerArn}", () => aws.Elbv2.DescribeRulesAsync(l.ListenerArn, ct)))).ConfigureAwait(false);
        return new(Fetched<List<LoadBalancer>>.Of(kept.Items), joined, plaintext.Zip(rules).ToDictionary(p => p.First.ListenerArn, p => p.Second, StringComparer.Ordinal), kept.Scope);
    }
}
