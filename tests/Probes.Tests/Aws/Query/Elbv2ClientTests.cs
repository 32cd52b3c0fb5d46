using NUnit.Framework;
using Verification.Probes.Aws.Elbv2;

namespace Verification.Probes.Tests.Aws.Query;

public sealed class Elbv2ClientTests
{
    private const string AlbArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hipaa-alb/50dc6c495c0c9188";

    [Test]
    public async Task Load_balancer_reads_state_code_zones_and_security_groups_from_member_items()
    {
        using var aws = new QueryHarness();
        aws.Answer("elbv2", "DescribeLoadBalancers.response.xml");

        var balancers = await new Elbv2Client(aws.Transport).DescribeLoadBalancersAsync(CancellationToken.None);

        var alb = balancers.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(alb.LoadBalancerArn, Is.EqualTo(AlbArn));
            Assert.That(alb.LoadBalancerName, Is.EqualTo("hipaa-alb"));
            Assert.That(alb.DNSName, Is.EqualTo("hipaa-alb-424835706.us-east-1.elb.amazonaws.com"));
            Assert.That(alb.Scheme, Is.EqualTo("internet-facing"));
            Assert.That(alb.State, Is.EqualTo("active"));
            Assert.That(alb.Type, Is.EqualTo("application"));
            Assert.That(alb.VpcId, Is.EqualTo("vpc-0a1b2c3d4e5f67890"));
            Assert.That(alb.IpAddressType, Is.EqualTo("ipv4"));
            Assert.That(alb.SecurityGroups, Is.EqualTo(new[] { "sg-0a1b2c3d4e5f60011" }));
            Assert.That(alb.AvailabilityZones.Select(z => (z.ZoneName, z.SubnetId)),
                Is.EqualTo(new[] { ("us-east-1a", "subnet-0a1b2c3d4e5f60003"), ("us-east-1b", "subnet-0a1b2c3d4e5f60004") }));
        }
    }

    [Test]
    public async Task Requests_are_signed_with_the_elasticloadbalancing_signing_name()
    {
        using var aws = new QueryHarness();
        aws.Answer("elbv2", "DescribeLoadBalancers.response.xml");

        await new Elbv2Client(aws.Transport).DescribeLoadBalancersAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(aws.Handler.Requests.Single().Headers["Authorization"], Does.Contain("/us-east-1/elasticloadbalancing/aws4_request"));
            Assert.That(aws.Form(0), Is.EqualTo(new Dictionary<string, string> { ["Action"] = "DescribeLoadBalancers", ["Version"] = "2015-12-01" }));
        }
    }

    [Test]
    public async Task Load_balancers_follow_NextMarker_and_send_it_back_as_Marker()
    {
        using var aws = new QueryHarness();
        var sample = WireSample.Read("elbv2", "DescribeLoadBalancers.response.xml");
        aws.Answer(WireSample.SetInResult(sample, "NextMarker", "lb-page-2"));
        aws.Answer(sample);

        var balancers = await new Elbv2Client(aws.Transport).DescribeLoadBalancersAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(balancers, Has.Count.EqualTo(2));
            Assert.That(aws.Handler.Requests, Has.Count.EqualTo(2));
            Assert.That(aws.Form(1)["Marker"], Is.EqualTo("lb-page-2"));
            Assert.That(aws.Form(1), Does.Not.ContainKey("NextMarker"));
        }
    }

    [Test]
    public async Task Https_listener_reads_its_tls_policy_certificate_and_forward_action()
    {
        using var aws = new QueryHarness();
        aws.Answer("elbv2", "DescribeListeners.response.xml");

        var listeners = await new Elbv2Client(aws.Transport).DescribeListenersAsync(AlbArn, CancellationToken.None);

        var https = listeners[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(aws.Form(0)["LoadBalancerArn"], Is.EqualTo(AlbArn));
            Assert.That(https.Protocol, Is.EqualTo("HTTPS"));
            Assert.That(https.Port, Is.EqualTo(443));
            Assert.That(https.SslPolicy, Is.EqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06"));
            Assert.That(https.LoadBalancerArn, Is.EqualTo(AlbArn));
            Assert.That(https.Certificates.Select(c => c.CertificateArn),
                Is.EqualTo(new[] { "arn:aws:acm:us-east-1:123456789012:certificate/68c11a12-39de-44dd-b329-fe64aEXAMPLE" }));
            Assert.That(https.DefaultActions.Single().Type, Is.EqualTo("forward"));
            Assert.That(https.DefaultActions.Single().TargetGroupArn,
                Is.EqualTo("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hipaa-api-tg/73e2d6bc24d8a067"));
            Assert.That(https.DefaultActions.Single().RedirectConfig, Is.Null);
        }
    }

    [Test]
    public async Task Http_listener_reads_its_permanent_redirect_to_https()
    {
        using var aws = new QueryHarness();
        aws.Answer("elbv2", "DescribeListeners.response.xml");

        var listeners = await new Elbv2Client(aws.Transport).DescribeListenersAsync(AlbArn, CancellationToken.None);

        var http = listeners[1];
        var action = http.DefaultActions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(http.Protocol, Is.EqualTo("HTTP"));
            Assert.That(http.Port, Is.EqualTo(80));
            Assert.That(http.SslPolicy, Is.Null);
            Assert.That(http.Certificates, Is.Empty);
            Assert.That(action.Type, Is.EqualTo("redirect"));
            Assert.That(action.Order, Is.EqualTo(1));
            Assert.That(action.RedirectConfig?.Protocol, Is.EqualTo("HTTPS"));
            Assert.That(action.RedirectConfig?.Port, Is.EqualTo("443"));
            Assert.That(action.RedirectConfig?.Host, Is.EqualTo("#{host}"));
            Assert.That(action.RedirectConfig?.StatusCode, Is.EqualTo("HTTP_301"));
        }
    }

    [Test]
    public async Task Listeners_on_two_pages_are_all_returned_and_each_request_names_the_load_balancer()
    {
        using var aws = new QueryHarness();
        var (first, last) = WireSample.SplitPages(WireSample.Read("elbv2", "DescribeListeners.response.xml"), "Listeners", "NextMarker", "listener-page-2");
        aws.Answer(first);
        aws.Answer(last);

        var listeners = await new Elbv2Client(aws.Transport).DescribeListenersAsync(AlbArn, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listeners.Select(l => l.Port), Is.EqualTo(new int?[] { 443, 80 }));
            Assert.That(aws.Form(1)["Marker"], Is.EqualTo("listener-page-2"));
            Assert.That(aws.Form(1)["LoadBalancerArn"], Is.EqualTo(AlbArn));
        }
    }

    [Test]
    public async Task Rules_read_conditions_and_forward_configs_and_follow_NextMarker()
    {
        using var aws = new QueryHarness();
        aws.Answer(RulesPage("""
              <member>
                <RuleArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/hipaa-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee</RuleArn>
                <Priority>10</Priority>
                <IsDefault>false</IsDefault>
                <Conditions>
                  <member><Field>path-pattern</Field><Values><member>/api/*</member></Values></member>
                </Conditions>
                <Actions>
                  <member>
                    <Type>forward</Type>
                    <Order>1</Order>
                    <TargetGroupArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hipaa-api-tg/73e2d6bc24d8a067</TargetGroupArn>
                    <ForwardConfig><TargetGroups><member><TargetGroupArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hipaa-api-tg/73e2d6bc24d8a067</TargetGroupArn><Weight>1</Weight></member></TargetGroups></ForwardConfig>
                  </member>
                </Actions>
              </member>
            """, "rule-page-2"));
        aws.Answer(RulesPage("""
              <member>
                <RuleArn>arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/hipaa-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/default</RuleArn>
                <Priority>default</Priority>
                <IsDefault>true</IsDefault>
                <Conditions/>
                <Actions><member><Type>redirect</Type><RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><StatusCode>HTTP_301</StatusCode></RedirectConfig></member></Actions>
              </member>
            """, null));

        var rules = await new Elbv2Client(aws.Transport).DescribeRulesAsync(ListenerArn, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rules.Select(r => (r.Priority, r.IsDefault)), Is.EqualTo(new[] { ("10", (bool?)false), ("default", (bool?)true) }));
            Assert.That(rules[0].Conditions.Single().Values, Is.EqualTo(new[] { "/api/*" }));
            Assert.That(rules[0].Actions.Single().ForwardConfig!.TargetGroups.Single().Weight, Is.EqualTo(1));
            Assert.That(rules[1].Actions.Single().RedirectConfig!.Protocol, Is.EqualTo("HTTPS"));
            Assert.That(aws.Form(0)["ListenerArn"], Is.EqualTo(ListenerArn));
            Assert.That(aws.Form(1)["Marker"], Is.EqualTo("rule-page-2"));
        }
    }

    private const string ListenerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/hipaa-alb/50dc6c495c0c9188/f2f7dc8efc522ab2";

    private static string RulesPage(string members, string? nextMarker) => $"""
        <DescribeRulesResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
          <DescribeRulesResult>
            <Rules>
        {members}
            </Rules>
            {(nextMarker is null ? "" : $"<NextMarker>{nextMarker}</NextMarker>")}
          </DescribeRulesResult>
          <ResponseMetadata><RequestId>65a3a7ea-f39c-11e5-b543-9f2c3fbb9bee</RequestId></ResponseMetadata>
        </DescribeRulesResponse>
        """;
}
