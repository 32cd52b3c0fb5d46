using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Networking;

/// <summary>
/// Each ECS service subnet reaches what a Fargate task needs to start — ECR's API and registry, S3 for image layers,
/// Secrets Manager, CloudWatch Logs and KMS — through its default route (to an available NAT gateway, or an internet
/// gateway) or through VPC endpoints: an available interface endpoint with private DNS in a subnet of the same zone, or
/// an S3 gateway endpoint on the subnet's route table. Whether that default route is the right one is
/// AppSubnetsReachInternetOnlyThroughNat's finding. Peers: AWS Config service-vpc-endpoint-enabled, Security Hub
/// EC2.55/EC2.56 (interface endpoints for the ECR API and registry).
/// </summary>
public sealed class AppSubnetsReachTaskDependencies : ResourceControl<string>
{
    /// <summary>The services a Fargate task needs to start (the suffix of com.amazonaws.&lt;region&gt;.&lt;suffix&gt;) and what each is for.</summary>
    internal static readonly IReadOnlyList<(string Suffix, string Purpose)> Dependencies =
    [
        ("ecr.api", "image manifests"),
        ("ecr.dkr", "image pulls"),
        ("s3", "image layers"),
        ("secretsmanager", "the task's secrets"),
        ("logs", "awslogs delivery"),
        ("kms", "decryption with the stack key"),
    ];

    public override string Title => "App subnets reach ECR, S3, Secrets Manager, CloudWatch Logs and KMS through a NAT gateway or VPC endpoints";
    public override string Area => "Network";
    public override string Service => "VPC";
    public override Severity Severity => Severity.High;
    public override string Risk => "A private subnet with neither a default route nor the VPC endpoints the tasks need cannot pull images, read the database secret or deliver logs: every task in it fails to start (CannotPullContainerError, ResourceInitializationError) and the service runs nothing.";
    public override string Remediation => "Route 0.0.0.0/0 of each private app route table to a NAT gateway, or add aws_vpc_endpoint resources for ecr.api, ecr.dkr, secretsmanager, logs and kms (vpc_endpoint_type = \"Interface\", private_dns_enabled = true, subnet_ids covering every app subnet's zone) and an s3 Gateway endpoint with route_table_ids including the app route tables.";

    // Availability of the workload, not a Security Rule safeguard.
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS service subnet";

    protected override Fetched<List<string>> Resources(EvaluationContext context) => Fetched<List<string>>.Of(new Network(context.Snapshot).AppSubnetIds());

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) =>
        [.. Network.Facts(context.Snapshot), Fact.Of(context.Snapshot.NatGateways), Fact.Of(context.Snapshot.VpcEndpoints), Fact.Of(context.Snapshot.EcsServices)];

    protected override string ResourceId(string resource) => resource;

    protected override Finding Judge(EvaluationContext context, string subnetId)
    {
        var network = new Network(context.Snapshot);
        var table = network.RouteTableOf(subnetId);
        if (table is null)
        {
            return Error(context, subnetId, $"no route table governs VPC subnet {subnetId} (no explicit association and no main route table in ec2:DescribeRouteTables), so its egress is unknown.");
        }

        var route = network.DefaultRoute(subnetId);
        var nat = route?.NatGatewayId is { } natId ? context.Snapshot.NatGateways.Value!.FirstOrDefault(n => n.NatGatewayId == natId) : null;
        var zone = network.FindSubnet(subnetId)?.AvailabilityZone;
        var reach = Dependencies.Select(d => (d.Suffix, d.Purpose, Via: Endpoint(context, network, table, zone, d.Suffix))).ToList();
        var evidence = Evidence.Of(
            ("routeTable", table.RouteTableId),
            ("defaultRoute", route?.NatGatewayId ?? route?.GatewayId ?? "(none)"),
            ("natGateway.state", nat?.State),
            ("subnetZone", zone),
            ("endpoints", reach.Select(r => $"{r.Suffix}: {r.Via.Id ?? r.Via.Why}")));

        var routed = route switch
        {
            { State: "blackhole" } => null,
            { NatGatewayId: not null } when nat?.State == "available" => $"NAT gateway {nat.NatGatewayId}",
            { GatewayId: { } igw } when igw.StartsWith("igw-", StringComparison.Ordinal) => $"internet gateway {igw}",
            _ => null,
        };
        if (routed is not null)
        {
            return Pass(context, subnetId, $"VPC subnet {subnetId} reaches ECR, S3, Secrets Manager, CloudWatch Logs and KMS through its default route to {routed}.", evidence);
        }

        var missing = reach.Where(r => r.Via.Id is null).ToList();
        if (missing.Count == 0)
        {
            return Pass(context, subnetId, $"VPC subnet {subnetId} reaches ECR, S3, Secrets Manager, CloudWatch Logs and KMS through VPC endpoints ({string.Join(", ", reach.Select(r => r.Via.Id))}).", evidence);
        }

        if (missing.FirstOrDefault(m => m.Via.Unknown) is { Suffix: var unknown } && missing.All(m => m.Via.Unknown))
        {
            return Error(context, subnetId, $"EC2 did not report PrivateDnsEnabled for the {unknown} interface endpoint, so whether VPC subnet {subnetId} reaches it is unknown.");
        }

        var noRoute = route switch
        {
            null => "no default route",
            { State: "blackhole" } => $"a blackhole default route to {route.NatGatewayId ?? route.GatewayId}",
            { NatGatewayId: { } id } => nat is null ? $"a default route to NAT gateway {id}, which is not in the stack VPC" : $"a default route to NAT gateway {id}, which is {nat.State}",
            _ => $"a default route to {route.GatewayId ?? "an unsupported target"}, not a NAT gateway",
        };
        var gaps = string.Join("; ", missing.Select(m => $"{m.Suffix} ({m.Purpose}: {m.Via.Why})"));
        return Fail(context, subnetId, $"VPC subnet {subnetId} has {noRoute} and its tasks cannot reach {gaps}.", evidence);
    }

    /// <summary>The endpoint that serves <paramref name="suffix"/> to a subnet in <paramref name="zone"/> routed by <paramref name="table"/>, or why none does.</summary>
    private static (string? Id, string Why, bool Unknown) Endpoint(EvaluationContext context, Network network, RouteTable table, string? zone, string suffix)
    {
        var service = $"com.amazonaws.{context.Snapshot.Region}.{suffix}";
        var endpoints = context.Snapshot.VpcEndpoints.Value!
            .Where(e => e.ServiceName == service && e.VpcId == context.Snapshot.Outputs.VpcId)
            .ToList();
        if (endpoints.Count == 0)
        {
            return (null, "no VPC endpoint", false);
        }

        // The wire says "available"; the model's State enum (and so AWSSDK.EC2) spells it "Available".
        var available = endpoints.Where(e => string.Equals(e.State, "available", StringComparison.OrdinalIgnoreCase)).ToList();
        if (available.Count == 0)
        {
            return (null, $"endpoint {string.Join(", ", endpoints.Select(e => $"{e.VpcEndpointId} is {e.State ?? "in no reported state"}"))}", false);
        }

        if (available.FirstOrDefault(e => e.VpcEndpointType == "Gateway" && e.RouteTableIds.Contains(table.RouteTableId)) is { } gateway)
        {
            return (gateway.VpcEndpointId, "", false);
        }

        var inZone = available.Where(e => e.VpcEndpointType == "Interface" && e.SubnetIds.Any(s => zone is not null && network.FindSubnet(s)?.AvailabilityZone == zone)).ToList();
        if (inZone.FirstOrDefault(e => e.PrivateDnsEnabled == true) is { } usable)
        {
            return (usable.VpcEndpointId, "", false);
        }

        if (inZone.Count > 0)
        {
            var unknown = inZone.All(e => e.PrivateDnsEnabled is null);
            return (null, $"interface endpoint {inZone[0].VpcEndpointId} {(unknown ? "did not report private DNS" : "has private DNS disabled, so the service's name does not resolve to it")}", unknown);
        }

        return (null, $"endpoint {string.Join(", ", available.Select(e => e.VpcEndpointId))} serves neither its zone {zone ?? "(unknown)"} nor its route table {table.RouteTableId}", false);
    }
}
