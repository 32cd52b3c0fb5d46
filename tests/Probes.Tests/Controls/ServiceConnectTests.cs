using NUnit.Framework;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.ServiceConnect;

namespace Verification.Probes.Tests.Controls;

public sealed class ServiceConnectTests
{
    private const string NamespaceId = "ns-abcd1234xmpl5678";

    [Test]
    public async Task A_private_dns_namespace_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var finding = Snapshots.Evaluate(new CloudMapNamespaceIsPrivateDns(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [TestCase("HTTP")]
    [TestCase("DNS_PUBLIC")]
    public async Task Other_namespace_types_fail_naming_the_type(string type)
    {
        var compliant = await Snapshots.CompliantRds();
        var found = compliant.Namespaces[NamespaceId].Value!;
        var snapshot = compliant with { Namespaces = new() { [NamespaceId] = Fetched<Verification.Probes.Aws.Model.Namespace>.Of(found with { Type = type }) } };

        var finding = Snapshots.Evaluate(new CloudMapNamespaceIsPrivateDns(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain($"is of type {type}, not DNS_PRIVATE"));
        }
    }

    [Test]
    public async Task A_plain_namespace_name_is_left_to_the_arn_control()
    {
        var snapshot = await Snapshots.Of("service-connect-plain-namespace");

        var findings = Snapshots.Evaluate(new CloudMapNamespaceIsPrivateDns(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task A_service_with_service_connect_on_the_clusters_namespace_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var finding = Snapshots.Evaluate(new EcsServiceConnectEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_service_deployed_without_service_connect_fails()
    {
        var snapshot = await Snapshots.Of("ecs-service-connect-off");

        var finding = Snapshots.Evaluate(new EcsServiceConnectEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Is.EqualTo("ECS service healthcare-app-dev does not have Service Connect enabled in its primary deployment."));
        }
    }

    [Test]
    public async Task A_service_on_another_namespace_than_the_clusters_fails_naming_both()
    {
        const string Other = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0ther000000000000";
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with
        {
            EcsServices = Snapshots.Replace(compliant.EcsServices, _ => true, s => s with
            {
                Deployments = [.. s.Deployments.Select(d => d with { ServiceConnectConfiguration = d.ServiceConnectConfiguration! with { Namespace = Other } })],
            }),
        };

        var finding = Snapshots.Evaluate(new EcsServiceConnectEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain(Other).And.Contain(NamespaceId));
        }
    }
}
