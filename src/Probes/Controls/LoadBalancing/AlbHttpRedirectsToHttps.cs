using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.LoadBalancing;

/// <summary>Every plain-HTTP listener of a stack load balancer only redirects to HTTPS.</summary>
public sealed class AlbHttpRedirectsToHttps : ResourceControl<Listener>
{
    public override string Title => "The ALB's HTTP listeners redirect to HTTPS and forward nothing in plaintext";
    public override string Area => "Load balancer";
    public override string Service => "Elastic Load Balancing";
    public override Severity Severity => Severity.High;
    public override string Risk => "An HTTP listener whose default action or any rule forwards to the app serves the application, and whatever ePHI it returns, unencrypted to anyone who types http://.";
    public override string Remediation => "Make the port-80 aws_lb_listener's default_action a redirect { protocol = \"HTTPS\", port = \"443\", status_code = \"HTTP_301\" } instead of a forward to the target group, and attach forwarding aws_lb_listener_rule resources to the HTTPS listener only.";
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)"];
    protected override string ResourceKind => "HTTP listener";

    protected override Fetched<List<Listener>> Resources(EvaluationContext context) =>
        context.Snapshot.Listeners.Value is { } listeners
            ? Fetched<List<Listener>>.Of([.. listeners.Where(l => l.Protocol == "HTTP")])
            : context.Snapshot.Listeners;

    protected override string? NoneExpectedBecause(EvaluationContext context) => "no stack load balancer has an HTTP listener, so nothing is served in plaintext.";

    // Every plaintext listener's rules are a fact: a listener whose DescribeRules failed or was never asked is an Error.
    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. (context.Snapshot.Listeners.Value ?? []).Where(l => l.Protocol == "HTTP")
            .Select(l => Fact.Of(context.Snapshot.ListenerRules.GetValueOrDefault(l.ListenerArn) ?? new(), $"ListenerRules[{l.ListenerArn}]"))];

    protected override string ResourceId(Listener resource) => resource.ListenerArn;

    protected override Finding Judge(EvaluationContext context, Listener listener)
    {
        var first = listener.DefaultActions.OrderBy(a => a.Order ?? int.MaxValue).FirstOrDefault();
        var rules = context.Snapshot.ListenerRules[listener.ListenerArn].Value!;

        // A rule with conditions (path, host, header, source IP) answers before the default action: one that forwards
        // to targets serves the app in plaintext for those requests however the default action redirects.
        var plaintext = rules.Where(r => r.IsDefault != true && !RedirectsOrAnswersFixed(r)).ToList();
        var evidence = Evidence.Of(("port", listener.Port), ("defaultAction", first?.Type), ("redirect.protocol", first?.RedirectConfig?.Protocol), ("redirect.port", first?.RedirectConfig?.Port),
            ("rules", rules.Where(r => r.IsDefault != true).Select(Describe)));
        var balancer = LoadBalancerName(context, listener);
        if (first is not { Type: "redirect", RedirectConfig.Protocol: "HTTPS" })
        {
            return Fail(context, listener.ListenerArn, $"Elastic Load Balancing listener {balancer}:{listener.Port} answers HTTP with a {first?.Type ?? "missing"} action{(first?.RedirectConfig?.Protocol is { } p ? " to " + p : "")} instead of a redirect to HTTPS.", evidence);
        }

        var others = rules.Count(r => r.IsDefault != true);
        return plaintext.Count == 0
            ? Pass(context, listener.ListenerArn, $"Elastic Load Balancing listener {balancer}:{listener.Port} redirects HTTP to HTTPS ({first.RedirectConfig.StatusCode}){(others == 0 ? " and has no other rules" : $" and none of its {others} other rules forwards in plaintext")}.", evidence)
            : Fail(context, listener.ListenerArn, $"Elastic Load Balancing listener {balancer}:{listener.Port} redirects by default but its rules {string.Join("; ", plaintext.Select(Describe))} answer HTTP without a redirect to HTTPS.", evidence);
    }

    /// <summary>True when the rule's actions only redirect to HTTPS or answer a fixed response (no target sees the request).</summary>
    private static bool RedirectsOrAnswersFixed(Rule rule) =>
        rule.Actions.Count > 0 && rule.Actions.All(a => a is { Type: "redirect", RedirectConfig.Protocol: "HTTPS" } or { Type: "fixed-response" });

    private static string Describe(Rule rule) =>
        $"priority {rule.Priority ?? "?"} ({string.Join(", ", rule.Conditions.Select(c => $"{c.Field} {string.Join("|", c.Values)}"))}) → {string.Join(", ", rule.Actions.OrderBy(a => a.Order ?? int.MaxValue).Select(a => a.RedirectConfig?.Protocol is { } p ? $"{a.Type} {p}" : a.Type))}";

    private static string LoadBalancerName(EvaluationContext context, Listener listener) =>
        (context.Snapshot.LoadBalancers.Value ?? []).FirstOrDefault(lb => lb.LoadBalancerArn == listener.LoadBalancerArn)?.LoadBalancerName ?? listener.LoadBalancerArn ?? "?";
}
