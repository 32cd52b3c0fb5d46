using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.LoadBalancing;

/// <summary>Each stack application load balancer serves HTTPS, and every HTTPS listener negotiates TLS 1.2 or later only.</summary>
public sealed class AlbHttpsListenerUsesTls12Policy : ResourceControl<LoadBalancer>
{
    // The predefined ELB policies whose lowest protocol is TLS 1.2 (or 1.3); FIPS variants share these prefixes.
    private static readonly string[] Tls12Prefixes =
    [
        "ELBSecurityPolicy-TLS13-1-2-", "ELBSecurityPolicy-TLS13-1-3-", "ELBSecurityPolicy-TLS-1-2-", "ELBSecurityPolicy-FS-1-2-",
    ];

    public override string Title => "The ALB has an HTTPS listener whose security policy allows only TLS 1.2 or later";
    public override string Area => "Load balancer";
    public override string Service => "Elastic Load Balancing";
    public override Severity Severity => Severity.High;
    public override string Risk => "An ALB without HTTPS carries ePHI in plaintext; a policy such as ELBSecurityPolicy-2016-08 still accepts TLS 1.0 and 1.1 and their weak ciphers.";
    public override string Remediation => "Give the ALB an aws_lb_listener on 443 with protocol = \"HTTPS\", an ACM certificate_arn and ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\".";
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)", "164.312(e)(2)(ii)"];
    protected override string ResourceKind => "application load balancer";

    protected override Fetched<List<LoadBalancer>> Resources(EvaluationContext context) => context.Snapshot.LoadBalancers;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.Listeners)];

    protected override string ResourceId(LoadBalancer resource) => resource.LoadBalancerArn;

    protected override string? NotApplicableBecause(EvaluationContext context, LoadBalancer balancer) =>
        balancer.Type is "application" or null ? null : $"Load balancer {balancer.LoadBalancerName} is a {balancer.Type} load balancer.";

    // Only when load balancers were found and none is an ALB; no load balancer at all stays an Error.
    protected override string? NoneExpectedBecause(EvaluationContext context) =>
        context.Snapshot.LoadBalancers.Value is { Count: > 0 } ? "the stack's load balancers are not application load balancers." : null;

    protected override Finding Judge(EvaluationContext context, LoadBalancer balancer)
    {
        var https = context.Snapshot.Listeners.Value!.Where(l => l.LoadBalancerArn == balancer.LoadBalancerArn && l.Protocol == "HTTPS").ToList();
        var weak = https.Where(l => !Tls12Prefixes.Any(p => l.SslPolicy?.StartsWith(p, StringComparison.Ordinal) == true)).ToList();
        var evidence = Evidence.Of(("httpsListeners", https.Select(l => $"{l.Port} {l.SslPolicy}")));
        var name = balancer.LoadBalancerName ?? balancer.LoadBalancerArn;
        if (https.Count == 0)
        {
            return Fail(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {name} has no HTTPS listener.", evidence);
        }

        return weak.Count == 0
            ? Pass(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {name} serves HTTPS with {string.Join(", ", https.Select(l => l.SslPolicy).Distinct())}, which allows only TLS 1.2 or later.", evidence)
            : Fail(context, balancer.LoadBalancerArn, $"Elastic Load Balancing load balancer {name} has HTTPS listeners whose policy allows protocols older than TLS 1.2: {string.Join(", ", weak.Select(l => $"port {l.Port} {l.SslPolicy ?? "(no policy)"}"))}.", evidence);
    }
}
