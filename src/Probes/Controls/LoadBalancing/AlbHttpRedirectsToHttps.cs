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
    public override string Risk => "An HTTP listener that forwards to the app serves the application, and whatever ePHI it returns, unencrypted to anyone who types http://.";
    public override string Remediation => "Make the port-80 aws_lb_listener's default_action a redirect { protocol = \"HTTPS\", port = \"443\", status_code = \"HTTP_301\" } instead of a forward to the target group.";
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)"];
    protected override string ResourceKind => "HTTP listener";

    protected override Fetched<List<Listener>> Resources(EvaluationContext context) =>
        context.Snapshot.Listeners.Value is { } listeners
            ? Fetched<List<Listener>>.Of([.. listeners.Where(l => l.Protocol == "HTTP")])
            : context.Snapshot.Listeners;

    protected override string? NoneExpectedBecause(EvaluationContext context) => "no stack load balancer has an HTTP listener, so nothing is served in plaintext.";

    protected override string ResourceId(Listener resource) => resource.ListenerArn;

    protected override Finding Judge(EvaluationContext context, Listener listener)
    {
        var first = listener.DefaultActions.OrderBy(a => a.Order ?? int.MaxValue).FirstOrDefault();
        var evidence = Evidence.Of(("port", listener.Port), ("defaultAction", first?.Type), ("redirect.protocol", first?.RedirectConfig?.Protocol), ("redirect.port", first?.RedirectConfig?.Port));
        var balancer = LoadBalancerName(context, listener);
        return first is { Type: "redirect", RedirectConfig.Protocol: "HTTPS" }
            ? Pass(context, listener.ListenerArn, $"Elastic Load Balancing listener {balancer}:{listener.Port} redirects HTTP to HTTPS ({first.RedirectConfig.StatusCode}).", evidence)
            : Fail(context, listener.ListenerArn, $"Elastic Load Balancing listener {balancer}:{listener.Port} answers HTTP with a {first?.Type ?? "missing"} action{(first?.RedirectConfig?.Protocol is { } p ? " to " + p : "")} instead of a redirect to HTTPS.", evidence);
    }

    private static string LoadBalancerName(EvaluationContext context, Listener listener) =>
        (context.Snapshot.LoadBalancers.Value ?? []).FirstOrDefault(lb => lb.LoadBalancerArn == listener.LoadBalancerArn)?.LoadBalancerName ?? listener.LoadBalancerArn ?? "?";
}
