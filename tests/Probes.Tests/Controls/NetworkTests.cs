using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Networking;

namespace Verification.Probes.Tests.Controls;

public sealed class NetworkTests
{
    private const string AppSubnetA = "subnet-0a1b2c3d4e5f60001";
    private const string AppSubnetB = "subnet-0a1b2c3d4e5f60002";
    private const string NatA = "nat-0a1b2c3d4e5f60030";

    [Test]
    public async Task App_subnets_behind_available_nat_gateways_in_public_subnets_pass()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new AppSubnetsReachInternetOnlyThroughNat(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Resource), Is.EqualTo(new[] { AppSubnetA, AppSubnetB }));
            Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
        }
    }

    [Test]
    public async Task A_nat_gateway_that_is_not_available_fails_naming_its_state()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { NatGateways = Snapshots.Replace(compliant.NatGateways, n => n.NatGatewayId == NatA, n => n with { State = "pending" }) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachInternetOnlyThroughNat(), snapshot);

        Assert.That(findings.Single(f => f.Status == FindingStatus.Fail).Message, Does.Contain($"its NAT gateway {NatA} is pending"));
    }

    [Test]
    public async Task A_nat_gateway_behind_a_detached_internet_gateway_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { InternetGateways = Snapshots.Replace(compliant.InternetGateways, _ => true, g => g with { Attachments = [] }) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachInternetOnlyThroughNat(), snapshot);

        Assert.That(findings.Select(f => f.Message), Has.All.Contain("which is not attached to the VPC"));
    }

    [Test]
    public async Task A_nat_gateway_in_a_private_subnet_fails()
    {
        var snapshot = await Snapshots.Of("nat-in-private-subnet");

        var findings = Snapshots.Evaluate(new AppSubnetsReachInternetOnlyThroughNat(), snapshot);

        Assert.That(findings.Single(f => f.Resource == AppSubnetA).Message, Does.Contain($"sits in subnet {AppSubnetA}, which has no route to an internet gateway"));
    }

    [Test]
    public async Task An_app_subnet_without_a_default_route_has_no_egress_and_passes()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { RouteTables = Snapshots.Replace(compliant.RouteTables, _ => true, t => t with { Routes = [.. t.Routes.Where(r => r.DestinationCidrBlock != "0.0.0.0/0")] }) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachInternetOnlyThroughNat(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_nat_gateway_in_each_zone_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new NatGatewayPerAvailabilityZone(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.EqualTo(new[] { FindingStatus.Pass, FindingStatus.Pass }));
    }

    [Test]
    public async Task One_nat_gateway_for_two_zones_fails_for_the_other_zone()
    {
        var snapshot = await Snapshots.Of("single-nat-gateway");

        var findings = Snapshots.Evaluate(new NatGatewayPerAvailabilityZone(), snapshot);

        Assert.That(findings.Single(f => f.Status == FindingStatus.Fail).Message, Is.EqualTo($"VPC subnet {AppSubnetB} in us-east-1b egresses through NAT gateway {NatA} in us-east-1a."));
    }

    [Test]
    public async Task App_subnets_without_nat_routes_make_the_zone_check_not_applicable()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { RouteTables = Snapshots.Replace(compliant.RouteTables, _ => true, t => t with { Routes = [.. t.Routes.Where(r => r.NatGatewayId is null)] }) };

        var findings = Snapshots.Evaluate(new NatGatewayPerAvailabilityZone(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task Disjoint_subnets_pass()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new SubnetCidrsDoNotOverlap(), snapshot);

        Assert.That(findings.Select(f => f.Status).ToList(), Has.Count.EqualTo(6).And.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task Overlapping_subnets_both_fail_naming_each_other()
    {
        var snapshot = await Snapshots.Of("overlapping-subnets");

        var failed = Snapshots.Evaluate(new SubnetCidrsDoNotOverlap(), snapshot).Where(f => f.Status == FindingStatus.Fail).ToList();

        Assert.That(failed.Select(f => f.Message), Is.EqualTo(new[]
        {
            "VPC subnet subnet-0a1b2c3d4e5f60005 (10.0.20.0/28) overlaps subnet-0a1b2c3d4e5f60006 (10.0.20.8/29).",
            "VPC subnet subnet-0a1b2c3d4e5f60006 (10.0.20.8/29) overlaps subnet-0a1b2c3d4e5f60005 (10.0.20.0/28).",
        }));
    }

    [TestCase("10.0.0.0/16", "10.0.20.0/28", ExpectedResult = true)]
    [TestCase("10.0.20.0/28", "10.0.20.16/28", ExpectedResult = false)]
    [TestCase("10.0.20.15/28", "10.0.20.0/32", ExpectedResult = true)]
    [TestCase("0.0.0.0/0", "192.168.1.0/24", ExpectedResult = true)]
    public bool Cidr_blocks_overlap_when_they_share_an_address(string a, string b) =>
        Ipv4Cidr.Parse(a)!.Value.Overlaps(Ipv4Cidr.Parse(b)!.Value);

    [TestCase("10.0.10.0/24", 24, ExpectedResult = FindingStatus.Pass)]
    [TestCase("10.0.8.0/22", 24, ExpectedResult = FindingStatus.Pass)]
    [TestCase("10.0.10.0/28", 24, ExpectedResult = FindingStatus.Fail)]
    [TestCase("10.0.10.0/28", 28, ExpectedResult = FindingStatus.Pass)]
    public async Task<FindingStatus> App_subnets_must_be_at_least_the_policy_size(string cidr, int maxPrefix)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { Subnets = Snapshots.Replace(compliant.Subnets, s => s.SubnetId == AppSubnetA, s => s with { CidrBlock = cidr }) };

        var findings = Snapshots.Evaluate(new AppSubnetsLargeEnough(), snapshot, Policy.Default with { MaxAppSubnetPrefixLength = maxPrefix });

        return findings.Single(f => f.Resource == AppSubnetA).Status;
    }

    [Test]
    public async Task Database_group_open_only_to_the_tasks_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new DatabaseSecurityGroupAdmitsOnlyApp(), snapshot);

        Assert.That(findings.Single().Message, Is.EqualTo("EC2 security group sg-0a1b2c3d4e5f60013 (healthcare-rds-dev) of RDS DB instance healthcare-db-dev admits only tcp/5432 from the ECS tasks' security groups."));
    }

    [Test]
    public async Task Database_group_open_to_the_vpc_cidr_fails_naming_the_source()
    {
        var snapshot = await Snapshots.Of("db-sg-open-to-vpc-cidr");

        var finding = Snapshots.Evaluate(new DatabaseSecurityGroupAdmitsOnlyApp(), snapshot).Single();

        Assert.That(finding.Message, Does.EndWith("also admits tcp/5432 from 10.0.0.0/16."));
    }

    [Test]
    public async Task Database_group_admitting_another_group_or_another_port_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var extra = new IpPermission { IpProtocol = "tcp", FromPort = 0, ToPort = 65535, UserIdGroupPairs = [new UserIdGroupPair { GroupId = "sg-0a1b2c3d4e5f60012" }, new UserIdGroupPair { GroupId = "sg-0a1b2c3d4e5f60011" }] };
        var snapshot = compliant with { SecurityGroups = Snapshots.Replace(compliant.SecurityGroups, g => g.GroupId == "sg-0a1b2c3d4e5f60013", g => g with { IpPermissions = [.. g.IpPermissions, extra] }) };

        var finding = Snapshots.Evaluate(new DatabaseSecurityGroupAdmitsOnlyApp(), snapshot).Single();

        Assert.That(finding.Message, Does.EndWith("also admits tcp/0-65535 from sg-0a1b2c3d4e5f60011."));
    }

    [Test]
    public async Task Aurora_cluster_security_groups_are_judged_through_the_cluster()
    {
        var snapshot = await Snapshots.CompliantAurora();

        var findings = Snapshots.Evaluate(new DatabaseSecurityGroupAdmitsOnlyApp(), snapshot);

        Assert.That(findings.Single().Message, Does.Contain("of Aurora cluster healthcare-aurora-dev admits only tcp/5432"));
    }

    [Test]
    public async Task Cache_group_open_only_to_the_tasks_passes_and_open_to_the_vpc_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var open = await Snapshots.Of("cache-sg-open-to-vpc-cidr");

        var passing = Snapshots.Evaluate(new CacheSecurityGroupAdmitsOnlyApp(), compliant).Single();
        var failing = Snapshots.Evaluate(new CacheSecurityGroupAdmitsOnlyApp(), open).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(passing.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(failing.Message, Does.Contain("sg-0a1b2c3d4e5f60014 (healthcare-redis-dev)").And.EndWith("also admits tcp/6379 from 10.0.0.0/16."));
        }
    }

    [Test]
    public async Task Only_the_alb_group_on_80_and_443_may_admit_the_internet()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new NoOpenIngressExceptAlb(), snapshot);

        Assert.That(findings.Select(f => f.Status).ToList(), Has.Count.EqualTo(5).And.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task Ssh_open_to_the_world_fails()
    {
        var snapshot = await Snapshots.Of("sg-open-ssh-to-world");

        var failed = Snapshots.Evaluate(new NoOpenIngressExceptAlb(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Is.EqualTo("EC2 security group sg-0a1b2c3d4e5f60012 (healthcare-ecs-tasks-dev) admits the whole internet on tcp/22."));
    }

    [Test]
    public async Task The_alb_group_open_on_another_port_over_ipv6_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var extra = new IpPermission { IpProtocol = "tcp", FromPort = 8080, ToPort = 8080, Ipv6Ranges = ["::/0"] };
        var snapshot = compliant with { SecurityGroups = Snapshots.Replace(compliant.SecurityGroups, g => g.GroupId == "sg-0a1b2c3d4e5f60011", g => g with { IpPermissions = [.. g.IpPermissions, extra] }) };

        var failed = Snapshots.Evaluate(new NoOpenIngressExceptAlb(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Does.EndWith("admits the whole internet on tcp/8080."));
    }

    [Test]
    public async Task Database_group_open_to_a_prefix_list_with_public_entries_fails_naming_the_list()
    {
        var snapshot = await Snapshots.Of("db-sg-source-prefix-list-public");

        var finding = Snapshots.Evaluate(new DatabaseSecurityGroupAdmitsOnlyApp(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Message, Does.EndWith("also admits tcp/5432 from pl-0a1b2c3d4e5f60070 (public addresses)."));
            Assert.That(finding.Evidence["ingress"], Does.Contain("pl-0a1b2c3d4e5f60070[10.20.0.0/16 172.31.0.0/16 52.94.76.0/22]"));
        }
    }

    [Test]
    public async Task Database_group_open_to_a_prefix_list_aws_did_not_return_is_an_error()
    {
        var snapshot = await Snapshots.Of("db-sg-source-prefix-list-public");
        var unresolved = snapshot with { PrefixLists = Fetched<List<ManagedPrefixList>>.Of([]) };

        var finding = Snapshots.Evaluate(new DatabaseSecurityGroupAdmitsOnlyApp(), unresolved).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("prefix list pl-0a1b2c3d4e5f60070 (not returned by DescribeManagedPrefixLists/GetManagedPrefixListEntries)"));
        }
    }

    [Test]
    public async Task Security_group_controls_are_errors_when_the_prefix_lists_could_not_be_read()
    {
        var snapshot = await Snapshots.Of("db-sg-source-prefix-list-public");
        var denied = snapshot with { PrefixLists = Fetched<List<ManagedPrefixList>>.Failed(new CollectionError("ec2:GetManagedPrefixListEntries", "UnauthorizedOperation", "not authorized", "us-east-1")) };

        Control[] controls = [new DatabaseSecurityGroupAdmitsOnlyApp(), new CacheSecurityGroupAdmitsOnlyApp(), new NoOpenIngressExceptAlb()];
        var findings = controls.SelectMany(c => Snapshots.Evaluate(c, denied)).ToList();

        Assert.That(findings.Select(f => f.Message), Has.All.Contains("needs ec2:GetManagedPrefixListEntries"));
    }

    [Test]
    public async Task Cache_group_open_to_the_internet_by_two_halves_fails_saying_so()
    {
        var compliant = await Snapshots.CompliantRds();
        var halves = new IpPermission { IpProtocol = "tcp", FromPort = 6379, ToPort = 6379, IpRanges = ["0.0.0.0/1", "128.0.0.0/1"] };
        var snapshot = compliant with { SecurityGroups = Snapshots.Replace(compliant.SecurityGroups, g => g.GroupId == "sg-0a1b2c3d4e5f60014", g => g with { IpPermissions = [.. g.IpPermissions, halves] }) };

        var finding = Snapshots.Evaluate(new CacheSecurityGroupAdmitsOnlyApp(), snapshot).Single();

        Assert.That(finding.Message, Does.EndWith("also admits tcp/6379 from 0.0.0.0/1, 128.0.0.0/1 (open to the internet)."));
    }

    [Test]
    public async Task Ssh_open_by_two_ipv4_halves_fails()
    {
        var snapshot = await Snapshots.Of("sg-ssh-open-by-ipv4-halves");

        var failed = Snapshots.Evaluate(new NoOpenIngressExceptAlb(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Is.EqualTo("EC2 security group sg-0a1b2c3d4e5f60012 (healthcare-ecs-tasks-dev) admits the whole internet on tcp/22."));
    }

    [Test]
    public async Task App_port_open_by_two_ipv6_halves_fails()
    {
        var snapshot = await Snapshots.Of("sg-app-port-open-by-ipv6-halves");

        var failed = Snapshots.Evaluate(new NoOpenIngressExceptAlb(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Is.EqualTo("EC2 security group sg-0a1b2c3d4e5f60012 (healthcare-ecs-tasks-dev) admits the whole internet on tcp/8080."));
    }

    [Test]
    public async Task Ranges_split_across_an_exact_rule_and_an_all_traffic_rule_add_up_on_the_port_both_reach()
    {
        var compliant = await Snapshots.CompliantRds();
        IpPermission[] split = [new() { IpProtocol = "tcp", FromPort = 22, ToPort = 22, IpRanges = ["18.0.0.0/8"] }, new() { IpProtocol = "-1", IpRanges = ["19.0.0.0/8"] }];
        var snapshot = compliant with { SecurityGroups = Snapshots.Replace(compliant.SecurityGroups, g => g.GroupId == "sg-0a1b2c3d4e5f60012", g => g with { IpPermissions = [.. g.IpPermissions, .. split] }) };

        var failed = Snapshots.Evaluate(new NoOpenIngressExceptAlb(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Does.EndWith("admits the whole internet on tcp/22."));
    }

    [Test]
    public async Task A_partner_range_is_not_the_internet_but_a_quarter_of_it_is()
    {
        var compliant = await Snapshots.CompliantRds();
        IpPermission[] rules = [new() { IpProtocol = "tcp", FromPort = 22, ToPort = 22, IpRanges = ["52.94.76.0/22"] }, new() { IpProtocol = "tcp", FromPort = 23, ToPort = 23, IpRanges = ["64.0.0.0/2"] }];
        var snapshot = compliant with { SecurityGroups = Snapshots.Replace(compliant.SecurityGroups, g => g.GroupId == "sg-0a1b2c3d4e5f60012", g => g with { IpPermissions = [.. g.IpPermissions, .. rules] }) };

        var failed = Snapshots.Evaluate(new NoOpenIngressExceptAlb(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Does.EndWith("admits the whole internet on tcp/23."));
    }

    [Test]
    public async Task Private_subnets_without_public_ip_mapping_pass()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new PrivateSubnetsDoNotMapPublicIps(), snapshot);

        Assert.That(findings.Select(f => f.Resource), Is.EqualTo(new[] { AppSubnetA, AppSubnetB, "subnet-0a1b2c3d4e5f60005", "subnet-0a1b2c3d4e5f60006" }));
    }

    [Test]
    public async Task An_app_subnet_mapping_public_ips_fails()
    {
        var snapshot = await Snapshots.Of("app-subnet-maps-public-ip");

        var failed = Snapshots.Evaluate(new PrivateSubnetsDoNotMapPublicIps(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Resource, Is.EqualTo(AppSubnetA));
    }

    [Test]
    public async Task A_public_subnet_in_the_db_subnet_group_is_left_to_the_private_subnet_controls()
    {
        var snapshot = await Snapshots.Of("db-in-public-subnet");

        var findings = Snapshots.Evaluate(new PrivateSubnetsDoNotMapPublicIps(), snapshot);

        Assert.That(findings.Single(f => f.Resource == "subnet-0a1b2c3d4e5f60004").Status, Is.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task An_active_flow_log_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new VpcFlowLogsEnabled(), snapshot);

        Assert.That(findings.Single().Message, Is.EqualTo("VPC vpc-0a1b2c3d4e5f67890 has active flow log fl-0a1b2c3d4e5f60090 (ALL traffic to cloud-watch-logs)."));
    }

    [Test]
    public async Task No_flow_log_fails_and_an_inactive_one_fails_naming_its_status()
    {
        var compliant = await Snapshots.CompliantRds();
        var none = compliant with { FlowLogs = Fetched<List<FlowLog>>.Of([]) };
        var failing = compliant with { FlowLogs = Snapshots.Replace(compliant.FlowLogs, _ => true, f => f with { FlowLogStatus = "FAILED" }) };

        var withoutLog = Snapshots.Evaluate(new VpcFlowLogsEnabled(), none).Single();
        var withFailedLog = Snapshots.Evaluate(new VpcFlowLogsEnabled(), failing).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withoutLog.Message, Is.EqualTo("VPC vpc-0a1b2c3d4e5f67890 has no flow log."));
            Assert.That(withFailedLog.Message, Does.Contain("fl-0a1b2c3d4e5f60090 is FAILED"));
        }
    }

    [Test]
    public async Task Every_interface_of_the_compliant_stack_is_accounted_for()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new NetworkInterfacesAreAccountedFor(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status).ToList(), Has.Count.EqualTo(9).And.All.EqualTo(FindingStatus.Pass));
            Assert.That(findings.Single(f => f.Resource == "eni-0a1b2c3d4e5f60052").Message, Is.EqualTo("EC2 network interface eni-0a1b2c3d4e5f60052 belongs to load balancer healthcare-alb-dev."));
        }
    }

    [Test]
    public async Task A_stray_instance_interface_fails_saying_what_it_is()
    {
        var snapshot = await Snapshots.Of("stray-instance-eni-in-app-subnet");

        var failed = Snapshots.Evaluate(new NetworkInterfacesAreAccountedFor(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Message, Is.EqualTo("EC2 network interface eni-0a1b2c3d4e5f60090 belongs to no checked stack resource (description \"Primary network interface\"; type interface; requester unreported (RequesterManaged false); attached to i-0a1b2c3d4e5f60090 owned by 123456789012; subnet subnet-0a1b2c3d4e5f60001, 10.0.10.90): remove it, bring it into the stack, or waive it with an explanation."));
    }

    [Test]
    public async Task An_interface_only_claiming_a_load_balancers_description_is_not_accounted_for()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { NetworkInterfaces = Snapshots.Replace(compliant.NetworkInterfaces, e => e.NetworkInterfaceId == "eni-0a1b2c3d4e5f60052", e => e with { RequesterManaged = false, RequesterId = null }) };

        var failed = Snapshots.Evaluate(new NetworkInterfacesAreAccountedFor(), snapshot).Single(f => f.Status == FindingStatus.Fail);

        Assert.That(failed.Resource, Is.EqualTo("eni-0a1b2c3d4e5f60052"));
    }

    [Test]
    public async Task Interfaces_are_an_error_when_the_interface_scope_is_incomplete()
    {
        var compliant = await Snapshots.CompliantRds();
        var denied = new CollectionError("ec2:DescribeNetworkInterfaces", "UnauthorizedOperation", "not authorized", "us-east-1");
        var snapshot = compliant with { ScopeGaps = [new ScopeGap("which network interfaces in the stack VPC belong to no checked resource", denied)] };

        var findings = Snapshots.Evaluate(new NetworkInterfacesAreAccountedFor(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Error));
            Assert.That(findings.Single().Message, Does.Contain("needs ec2:DescribeNetworkInterfaces"));
        }
    }

    [Test]
    public async Task Interfaces_are_an_error_when_an_owner_list_failed()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { LoadBalancers = Fetched<List<LoadBalancer>>.Failed(new CollectionError("elasticloadbalancing:DescribeLoadBalancers", "AccessDenied", "no", "us-east-1")) };

        var findings = Snapshots.Evaluate(new NetworkInterfacesAreAccountedFor(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task A_default_security_group_without_rules_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new DefaultSecurityGroupRestrictsAllTraffic(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Resource), Is.EqualTo(new[] { DefaultGroup }));
            Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Pass));
        }
    }

    [Test]
    public async Task A_default_security_group_with_the_stock_rules_fails_naming_them()
    {
        var snapshot = await Snapshots.Of("default-sg-allows-all-egress");

        var findings = Snapshots.Evaluate(new DefaultSecurityGroupRestrictsAllTraffic(), snapshot);

        Assert.That(findings.Single().Message, Is.EqualTo(
            $"EC2 default security group {DefaultGroup} of VPC vpc-0a1b2c3d4e5f67890 still allows traffic: 1 inbound rule (all traffic with {DefaultGroup}) and 1 outbound rule (all traffic with 0.0.0.0/0)."));
    }

    [Test]
    public async Task A_vpc_whose_default_security_group_is_not_listed_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { SecurityGroups = Fetched<List<SecurityGroup>>.Of([.. compliant.SecurityGroups.Value!.Where(g => g.GroupName != "default")]) };

        var findings = Snapshots.Evaluate(new DefaultSecurityGroupRestrictsAllTraffic(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task App_subnets_with_nat_routes_reach_their_task_dependencies()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new AppSubnetsReachTaskDependencies(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Resource), Is.EqualTo(new[] { AppSubnetA, AppSubnetB }));
            Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
            Assert.That(findings[0].Message, Does.EndWith($"through its default route to NAT gateway {NatA}."));
        }
    }

    [Test]
    public async Task An_app_subnet_with_neither_a_nat_route_nor_endpoints_fails_naming_every_service()
    {
        var snapshot = await Snapshots.Of("app-subnet-no-egress-path");

        var findings = Snapshots.Evaluate(new AppSubnetsReachTaskDependencies(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Single(f => f.Resource == AppSubnetB).Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(findings.Single(f => f.Resource == AppSubnetA).Message, Does.StartWith($"VPC subnet {AppSubnetA} has no default route and its tasks cannot reach ecr.api (image manifests: no VPC endpoint); ecr.dkr"));
            Assert.That(findings.Single(f => f.Resource == AppSubnetA).Message, Does.Contain("kms (decryption with the stack key: no VPC endpoint)."));
        }
    }

    [Test]
    public async Task Endpoints_without_ecr_fail_naming_only_the_ecr_services()
    {
        var snapshot = await Snapshots.Of("app-subnet-endpoints-missing-ecr");

        var findings = Snapshots.Evaluate(new AppSubnetsReachTaskDependencies(), snapshot);

        Assert.That(findings.Select(f => f.Message), Has.All.EndWith("has no default route and its tasks cannot reach ecr.api (image manifests: no VPC endpoint); ecr.dkr (image pulls: no VPC endpoint)."));
    }

    [Test]
    public async Task Vpc_endpoints_for_every_dependency_pass_without_a_nat_gateway()
    {
        var missingEcr = await Snapshots.Of("app-subnet-endpoints-missing-ecr");
        var snapshot = missingEcr with { VpcEndpoints = Fetched<List<VpcEndpoint>>.Of([.. missingEcr.VpcEndpoints.Value!, Interface("vpce-0ecrapi", "ecr.api", true), Interface("vpce-0ecrdkr", "ecr.dkr", true)]) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachTaskDependencies(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Status), Is.EqualTo(new[] { FindingStatus.Pass, FindingStatus.Pass }));
            Assert.That(findings[0].Message, Does.Contain("through VPC endpoints (vpce-0ecrapi, vpce-0ecrdkr, vpce-0a1b2c3d4e5f60081,"));
        }
    }

    [Test]
    public async Task An_ecr_endpoint_without_private_dns_does_not_count()
    {
        var missingEcr = await Snapshots.Of("app-subnet-endpoints-missing-ecr");
        var snapshot = missingEcr with { VpcEndpoints = Fetched<List<VpcEndpoint>>.Of([.. missingEcr.VpcEndpoints.Value!, Interface("vpce-0ecrapi", "ecr.api", true), Interface("vpce-0ecrdkr", "ecr.dkr", false)]) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachTaskDependencies(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.Message), Has.All.Contain("ecr.dkr (image pulls: interface endpoint vpce-0ecrdkr has private DNS disabled"));
            Assert.That(findings.Select(f => f.Message), Has.None.Contain("ecr.api"));
        }
    }

    [Test]
    public async Task An_interface_endpoint_in_another_zone_does_not_serve_the_subnet()
    {
        var missingEcr = await Snapshots.Of("app-subnet-endpoints-missing-ecr");
        var onlyInB = new[] { Interface("vpce-0ecrapi", "ecr.api", true), Interface("vpce-0ecrdkr", "ecr.dkr", true) }.Select(e => e with { SubnetIds = [AppSubnetB] });
        var snapshot = missingEcr with { VpcEndpoints = Fetched<List<VpcEndpoint>>.Of([.. missingEcr.VpcEndpoints.Value!, .. onlyInB]) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachTaskDependencies(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Single(f => f.Resource == AppSubnetB).Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(findings.Single(f => f.Resource == AppSubnetA).Message, Does.Contain("ecr.api (image manifests: endpoint vpce-0ecrapi serves neither its zone us-east-1a nor its route table"));
        }
    }

    [Test]
    public async Task An_interface_endpoint_that_does_not_report_private_dns_is_an_error()
    {
        var missingEcr = await Snapshots.Of("app-subnet-endpoints-missing-ecr");
        var snapshot = missingEcr with { VpcEndpoints = Fetched<List<VpcEndpoint>>.Of([.. missingEcr.VpcEndpoints.Value!, Interface("vpce-0ecrapi", "ecr.api", null), Interface("vpce-0ecrdkr", "ecr.dkr", null)]) };

        var findings = Snapshots.Evaluate(new AppSubnetsReachTaskDependencies(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Error));
    }

    private const string DefaultGroup = "sg-0a1b2c3d4e5f60010";

    private static VpcEndpoint Interface(string id, string service, bool? privateDns) => new()
    {
        VpcEndpointId = id,
        VpcEndpointType = "Interface",
        VpcId = "vpc-0a1b2c3d4e5f67890",
        ServiceName = $"com.amazonaws.us-east-1.{service}",
        State = "available",
        SubnetIds = [AppSubnetA, AppSubnetB],
        PrivateDnsEnabled = privateDns,
    };
}
