using System.Xml.Linq;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Elbv2;

/// <summary>The Elastic Load Balancing v2 questions the collector asks, over the Query protocol (the registry serves no AWSSDK.ElasticLoadBalancingV2).</summary>
public sealed class Elbv2Client(AwsTransport transport)
{
    // ELBv2 takes Marker in the request but answers with NextMarker.
    private const string RequestMarker = "Marker";
    private const string ResponseMarker = "NextMarker";

    private readonly QueryClient _query = new(transport, AwsService.Elbv2);

    /// <summary>Every load balancer (application, network, gateway) in the region, following NextMarker to the last page.</summary>
    public async Task<List<LoadBalancer>> DescribeLoadBalancersAsync(CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeLoadBalancers", [], RequestMarker, ResponseMarker, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeLoadBalancers", () => pages.SelectMany(p => p.Items("LoadBalancers", "member")).Select(ParseLoadBalancer).ToList());
    }

    /// <summary>Every listener of the load balancer <paramref name="loadBalancerArn"/>, following NextMarker to the last page.</summary>
    public async Task<List<Listener>> DescribeListenersAsync(string loadBalancerArn, CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeListeners", [new("LoadBalancerArn", loadBalancerArn)], RequestMarker, ResponseMarker, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeListeners", () => pages.SelectMany(p => p.Items("Listeners", "member")).Select(ParseListener).ToList());
    }

    /// <summary>Every rule of the listener <paramref name="listenerArn"/>, the default rule included, following NextMarker to the last page.</summary>
    public async Task<List<Rule>> DescribeRulesAsync(string listenerArn, CancellationToken cancellationToken)
    {
        var pages = await _query.PagesAsync("DescribeRules", [new("ListenerArn", listenerArn)], RequestMarker, ResponseMarker, cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeRules", () => pages.SelectMany(p => p.Items("Rules", "member")).Select(ParseRule).ToList());
    }

    internal static Rule ParseRule(XElement e) => new()
    {
        RuleArn = e.Text("RuleArn") ?? "",
        Priority = e.Text("Priority"),
        IsDefault = e.Bool("IsDefault"),
        Conditions = [.. e.Items("Conditions", "member").Select(c => new RuleCondition
        {
            Field = c.Text("Field"),
            Values = c.Strings("Values", "member"),
        })],
        Actions = [.. e.Items("Actions", "member").Select(ParseAction)],
    };

    /// <summary>The attributes of <paramref name="loadBalancerArn"/> (access logs, deletion protection, header handling); not paged.</summary>
    public async Task<List<LoadBalancerAttribute>> DescribeLoadBalancerAttributesAsync(string loadBalancerArn, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("DescribeLoadBalancerAttributes", [new("LoadBalancerArn", loadBalancerArn)], cancellationToken).ConfigureAwait(false);
        return _query.Read("DescribeLoadBalancerAttributes", () => result.Items("Attributes", "member")
            .Select(a => new LoadBalancerAttribute { Key = a.Text("Key") ?? "", Value = a.Text("Value") }).ToList());
    }

    internal static LoadBalancer ParseLoadBalancer(XElement e) => new()
    {
        LoadBalancerArn = e.Text("LoadBalancerArn") ?? "",
        DNSName = e.Text("DNSName"),
        LoadBalancerName = e.Text("LoadBalancerName"),
        Scheme = e.Text("Scheme"),
        VpcId = e.Text("VpcId"),
        State = e.Child("State")?.Text("Code"),
        Type = e.Text("Type"),
        AvailabilityZones = [.. e.Items("AvailabilityZones", "member").Select(z => new AvailabilityZone
        {
            ZoneName = z.Text("ZoneName"),
            SubnetId = z.Text("SubnetId"),
        })],
        SecurityGroups = e.Strings("SecurityGroups", "member"),
        IpAddressType = e.Text("IpAddressType"),
    };

    internal static Listener ParseListener(XElement e) => new()
    {
        ListenerArn = e.Text("ListenerArn") ?? "",
        LoadBalancerArn = e.Text("LoadBalancerArn"),
        Port = e.Int("Port"),
        Protocol = e.Text("Protocol"),
        SslPolicy = e.Text("SslPolicy"),
        Certificates = [.. e.Items("Certificates", "member").Select(c => new ListenerCertificate
        {
            CertificateArn = c.Text("CertificateArn"),
            IsDefault = c.Bool("IsDefault"),
        })],
        DefaultActions = [.. e.Items("DefaultActions", "member").Select(ParseAction)],
    };

    private static ListenerAction ParseAction(XElement e) => new()
    {
        Type = e.Text("Type") ?? "",
        Order = e.Int("Order"),
        TargetGroupArn = e.Text("TargetGroupArn"),
        RedirectConfig = e.Child("RedirectConfig") is { } redirect
            ? new RedirectActionConfig
            {
                Protocol = redirect.Text("Protocol"),
                Port = redirect.Text("Port"),
                Host = redirect.Text("Host"),
                Path = redirect.Text("Path"),
                Query = redirect.Text("Query"),
                StatusCode = redirect.Text("StatusCode"),
            }
            : null,
        ForwardConfig = e.Child("ForwardConfig") is { } forward
            ? new ForwardActionConfig
            {
                TargetGroups = [.. forward.Items("TargetGroups", "member").Select(t => new TargetGroupTuple { TargetGroupArn = t.Text("TargetGroupArn"), Weight = t.Int("Weight") })],
            }
            : null,
    };
}
