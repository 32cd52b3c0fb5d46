using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.LoadBalancing;

namespace Verification.Probes.Tests.Controls;

public sealed class LoadBalancerTests
{
    [TestCase("ELBSecurityPolicy-TLS13-1-2-2021-06", ExpectedResult = FindingStatus.Pass)]
    [TestCase("ELBSecurityPolicy-TLS13-1-3-2021-06", ExpectedResult = FindingStatus.Pass)]
    [TestCase("ELBSecurityPolicy-TLS-1-2-Ext-2018-06", ExpectedResult = FindingStatus.Pass)]
    [TestCase("ELBSecurityPolicy-FS-1-2-Res-2020-10", ExpectedResult = FindingStatus.Pass)]
    [TestCase("ELBSecurityPolicy-2016-08", ExpectedResult = FindingStatus.Fail)]
    [TestCase("ELBSecurityPolicy-TLS13-1-0-2021-06", ExpectedResult = FindingStatus.Fail)]
    [TestCase("ELBSecurityPolicy-TLS-1-1-2017-01", ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> Https_listeners_must_allow_only_tls_1_2_or_later(string policy)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { Listeners = Snapshots.Replace(compliant.Listeners, l => l.Protocol == "HTTPS", l => l with { SslPolicy = policy }) };

        var findings = Snapshots.Evaluate(new AlbHttpsListenerUsesTls12Policy(), snapshot);

        return findings.Single().Status;
    }

    [Test]
    public async Task An_alb_without_an_https_listener_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { Listeners = Verification.Probes.Collection.Fetched<List<Listener>>.Of([.. compliant.Listeners.Value!.Where(l => l.Protocol != "HTTPS")]) };

        var finding = Snapshots.Evaluate(new AlbHttpsListenerUsesTls12Policy(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Elastic Load Balancing load balancer healthcare-alb-dev has no HTTPS listener."));
    }

    [Test]
    public async Task A_network_load_balancer_is_not_applicable_to_the_alb_tls_check()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { LoadBalancers = Snapshots.Replace(compliant.LoadBalancers, _ => true, lb => lb with { Type = "network" }) };

        var findings = Snapshots.Evaluate(new AlbHttpsListenerUsesTls12Policy(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task An_http_listener_redirecting_to_https_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var finding = Snapshots.Evaluate(new AlbHttpRedirectsToHttps(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Elastic Load Balancing listener healthcare-alb-dev:80 redirects HTTP to HTTPS (HTTP_301) and has no other rules."));
    }

    [Test]
    public async Task An_http_listener_forwarding_to_the_app_fails()
    {
        var snapshot = await Snapshots.Of("alb-http-forwards");

        var finding = Snapshots.Evaluate(new AlbHttpRedirectsToHttps(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Elastic Load Balancing listener healthcare-alb-dev:80 answers HTTP with a forward action instead of a redirect to HTTPS."));
    }

    [Test]
    public async Task An_alb_without_http_listeners_serves_nothing_in_plaintext()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { Listeners = Verification.Probes.Collection.Fetched<List<Listener>>.Of([.. compliant.Listeners.Value!.Where(l => l.Protocol != "HTTP")]) };

        var findings = Snapshots.Evaluate(new AlbHttpRedirectsToHttps(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task An_http_listener_rule_forwarding_to_the_app_fails_although_the_default_action_redirects()
    {
        var snapshot = await Snapshots.Of("alb-http-rule-forwards");

        var finding = Snapshots.Evaluate(new AlbHttpRedirectsToHttps(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Is.EqualTo("Elastic Load Balancing listener healthcare-alb-dev:80 redirects by default but its rules priority 10 (path-pattern /api/*) → forward answer HTTP without a redirect to HTTPS."));
        }
    }

    [Test]
    public async Task An_http_listener_rule_answering_a_fixed_response_passes()
    {
        var compliant = await Snapshots.CompliantRds();
        var arn = compliant.ListenerRules.Keys.Single();
        var fixedResponse = new Rule { RuleArn = arn + "/1", Priority = "5", IsDefault = false, Actions = [new ListenerAction { Type = "fixed-response" }] };
        var snapshot = compliant with { ListenerRules = new() { [arn] = Fetched<List<Rule>>.Of([fixedResponse, .. compliant.ListenerRules[arn].Value!]) } };

        var finding = Snapshots.Evaluate(new AlbHttpRedirectsToHttps(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Elastic Load Balancing listener healthcare-alb-dev:80 redirects HTTP to HTTPS (HTTP_301) and none of its 1 other rules forwards in plaintext."));
    }

    [Test]
    public async Task An_http_listener_whose_rules_could_not_be_read_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var arn = compliant.ListenerRules.Keys.Single();
        var denied = new CollectionError("elasticloadbalancing:DescribeRules", "AccessDenied", "not authorized", "us-east-1");
        var snapshot = compliant with { ListenerRules = new() { [arn] = Fetched<List<Rule>>.Failed(denied) } };

        var finding = Snapshots.Evaluate(new AlbHttpRedirectsToHttps(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("needs elasticloadbalancing:DescribeRules"));
        }
    }
}
