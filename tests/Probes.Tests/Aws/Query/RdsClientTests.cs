using NUnit.Framework;
using Verification.Probes.Aws.Rds;

namespace Verification.Probes.Tests.Aws.Query;

public sealed class RdsClientTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Test]
    public async Task DB_instance_is_read_with_encryption_endpoint_network_and_parameter_group()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBInstances.response.xml");

        var instances = await new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None);

        var db = instances[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instances, Has.Count.EqualTo(2));
            Assert.That(db.DBInstanceIdentifier, Is.EqualTo("hipaa-app-db"));
            Assert.That(db.Engine, Is.EqualTo("postgres"));
            Assert.That(db.StorageEncrypted, Is.True);
            Assert.That(db.KmsKeyId, Is.EqualTo(KeyArn));
            Assert.That(db.Endpoint?.Address, Is.EqualTo("hipaa-app-db.c9akciq32example.us-east-1.rds.amazonaws.com"));
            Assert.That(db.Endpoint?.Port, Is.EqualTo(5432));
            Assert.That(db.PubliclyAccessible, Is.False);
            Assert.That(db.MultiAZ, Is.True);
            Assert.That(db.BackupRetentionPeriod, Is.EqualTo(7));
            Assert.That(db.DBSubnetGroup?.DBSubnetGroupName, Is.EqualTo("hipaa-db-subnets"));
            Assert.That(db.DBSubnetGroup?.VpcId, Is.EqualTo("vpc-0a1b2c3d4e5f67890"));
            Assert.That(db.DBSubnetGroup?.Subnets.Select(s => (s.SubnetIdentifier, s.AvailabilityZone)),
                Is.EqualTo(new[] { ("subnet-0a1b2c3d4e5f60001", "us-east-1a"), ("subnet-0a1b2c3d4e5f60002", "us-east-1b") }));
            Assert.That(db.VpcSecurityGroups.Select(g => g.VpcSecurityGroupId), Is.EqualTo(new[] { "sg-0a1b2c3d4e5f60013" }));
            Assert.That(db.DBParameterGroups.Select(g => g.DBParameterGroupName), Is.EqualTo(new[] { "hipaa-postgres16" }));
            Assert.That(db.CACertificateIdentifier, Is.EqualTo("rds-ca-rsa2048-g1"));
            Assert.That(db.PerformanceInsightsEnabled, Is.False);
            Assert.That(db.IAMDatabaseAuthenticationEnabled, Is.False);
            Assert.That(db.AutoMinorVersionUpgrade, Is.True);
            Assert.That(db.MonitoringInterval, Is.EqualTo(60));
            Assert.That(db.EnabledCloudwatchLogsExports, Is.Empty);
            Assert.That(db.DBClusterIdentifier, Is.Null);
        }
    }

    [Test]
    public async Task Aurora_member_instance_names_its_cluster_and_the_serverless_class()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBInstances.response.xml");

        var instances = await new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(instances[1].DBInstanceClass, Is.EqualTo("db.serverless"));
            Assert.That(instances[1].DBClusterIdentifier, Is.EqualTo("hipaa-aurora"));
            Assert.That(instances[1].Engine, Is.EqualTo("aurora-postgresql"));
        }
    }

    [Test]
    public async Task DescribeDBInstances_is_a_signed_form_post_naming_action_and_version()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBInstances.response.xml");

        await new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None);

        var request = aws.Handler.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.Headers["Content-Type"], Is.EqualTo("application/x-www-form-urlencoded; charset=utf-8"));
            Assert.That(aws.Form(0), Is.EqualTo(new Dictionary<string, string> { ["Action"] = "DescribeDBInstances", ["Version"] = "2014-10-31" }));
            Assert.That(request.Headers["Authorization"], Does.StartWith($"AWS4-HMAC-SHA256 Credential={QueryHarness.AccessKey}/"));
            Assert.That(request.Headers["Authorization"], Does.Contain("/us-east-1/rds/aws4_request"));
            Assert.That(request.Headers, Does.ContainKey("X-Amz-Date"));
        }
    }

    [Test]
    public async Task DB_instances_on_two_pages_are_all_returned_and_the_second_request_carries_the_marker()
    {
        using var aws = new QueryHarness();
        var (first, last) = WireSample.SplitPages(WireSample.Read("rds", "DescribeDBInstances.response.xml"), "DBInstances", "Marker", "page-2-token");
        aws.Answer(first);
        aws.Answer(last);

        var instances = await new RdsClient(aws.Transport).DescribeDBInstancesAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(instances.Select(i => i.DBInstanceIdentifier), Is.EqualTo(new[] { "hipaa-app-db", "hipaa-aurora-instance-1" }));
            Assert.That(aws.Form(0), Does.Not.ContainKey("Marker"));
            Assert.That(aws.Form(1)["Marker"], Is.EqualTo("page-2-token"));
        }
    }

    [Test]
    public async Task DB_cluster_reads_its_subnet_group_as_a_name_and_serverless_v2_capacity_as_fractions()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBClusters.response.xml");

        var clusters = await new RdsClient(aws.Transport).DescribeDBClustersAsync(CancellationToken.None);

        var cluster = clusters.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cluster.DBClusterIdentifier, Is.EqualTo("hipaa-aurora"));
            Assert.That(cluster.DBSubnetGroup, Is.EqualTo("hipaa-db-subnets"));
            Assert.That(cluster.DBClusterParameterGroup, Is.EqualTo("default.aurora-postgresql16"));
            Assert.That(cluster.EngineMode, Is.EqualTo("provisioned"));
            Assert.That(cluster.ServerlessV2ScalingConfiguration?.MinCapacity, Is.EqualTo(0.5));
            Assert.That(cluster.ServerlessV2ScalingConfiguration?.MaxCapacity, Is.EqualTo(16.0));
            Assert.That(cluster.StorageEncrypted, Is.True);
            Assert.That(cluster.KmsKeyId, Is.EqualTo(KeyArn));
            Assert.That(cluster.Endpoint, Is.EqualTo("hipaa-aurora.cluster-c9akciq32example.us-east-1.rds.amazonaws.com"));
            Assert.That(cluster.Port, Is.EqualTo(5432));
            Assert.That(cluster.DeletionProtection, Is.True);
            Assert.That(cluster.PubliclyAccessible, Is.False);
            Assert.That(cluster.DBClusterMembers.Select(m => (m.DBInstanceIdentifier, m.IsClusterWriter)), Is.EqualTo(new[] { ("hipaa-aurora-instance-1", true) }));
            Assert.That(cluster.VpcSecurityGroups.Select(g => g.VpcSecurityGroupId), Is.EqualTo(new[] { "sg-0a1b2c3d4e5f60013" }));
            Assert.That(cluster.TagList, Is.Empty);
        }
    }

    [Test]
    public async Task DB_subnet_groups_list_their_subnets_with_zone_names()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBSubnetGroups.constructed.xml");

        var groups = await new RdsClient(aws.Transport).DescribeDBSubnetGroupsAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(groups.Single().DBSubnetGroupName, Is.EqualTo("healthcare-db-subnets-dev"));
            Assert.That(groups.Single().VpcId, Is.EqualTo("vpc-0a1b2c3d4e5f67890"));
            Assert.That(groups.Single().Subnets.Select(s => (s.SubnetIdentifier, s.AvailabilityZone)),
                Is.EqualTo(new[] { ("subnet-0a1b2c3d4e5f60005", "us-east-1a"), ("subnet-0a1b2c3d4e5f60006", "us-east-1b") }));
            Assert.That(aws.Form(0)["Action"], Is.EqualTo("DescribeDBSubnetGroups"));
        }
    }

    [Test]
    public async Task DB_parameters_follow_the_genuine_leading_marker_to_the_last_page_for_the_named_group()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBParameters.response.xml");
        aws.Answer("""
            <DescribeDBParametersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
              <DescribeDBParametersResult>
                <Parameters>
                  <Parameter>
                    <ParameterName>password_encryption</ParameterName>
                    <ParameterValue>scram-sha-256</ParameterValue>
                    <Source>user</Source>
                    <ApplyType>dynamic</ApplyType>
                  </Parameter>
                </Parameters>
              </DescribeDBParametersResult>
              <ResponseMetadata><RequestId>8c40488f-b9ff-11d3-a15e-7ac49293f4fb</RequestId></ResponseMetadata>
            </DescribeDBParametersResponse>
            """);

        var parameters = await new RdsClient(aws.Transport).DescribeDBParametersAsync("healthcare-pg16-dev", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parameters.Select(p => p.ParameterName),
                Is.EqualTo(new[] { "rds.force_ssl", "log_connections", "ssl_min_protocol_version", "password_encryption" }));
            Assert.That(parameters[0].ParameterValue, Is.EqualTo("1"));
            Assert.That(parameters[0].Source, Is.EqualTo("user"));
            Assert.That(parameters[0].ApplyType, Is.EqualTo("dynamic"));
            Assert.That(parameters[2].ParameterValue, Is.Null);
            Assert.That(parameters[2].Source, Is.EqualTo("engine-default"));
            Assert.That(aws.Form(0)["DBParameterGroupName"], Is.EqualTo("healthcare-pg16-dev"));
            Assert.That(aws.Form(1)["DBParameterGroupName"], Is.EqualTo("healthcare-pg16-dev"));
            Assert.That(aws.Form(1)["Marker"], Is.EqualTo("bG9nX2Nvbm5lY3Rpb25z"));
        }
    }

    [Test]
    public async Task DB_cluster_parameters_are_read_for_the_named_cluster_parameter_group()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBClusterParameters.constructed.xml");

        var parameters = await new RdsClient(aws.Transport).DescribeDBClusterParametersAsync("healthcare-aurora-pg16-dev", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(parameters.Select(p => (p.ParameterName, p.ParameterValue)),
                Is.EqualTo(new[] { ("rds.force_ssl", "1"), ("ssl_min_protocol_version", "TLSv1.2") }));
            Assert.That(aws.Form(0)["Action"], Is.EqualTo("DescribeDBClusterParameters"));
            Assert.That(aws.Form(0)["DBClusterParameterGroupName"], Is.EqualTo("healthcare-aurora-pg16-dev"));
        }
    }

    [Test]
    public async Task Engine_versions_carry_their_status_and_parameter_group_family()
    {
        using var aws = new QueryHarness();
        aws.Answer("rds", "DescribeDBEngineVersions.response.xml");

        var versions = await new RdsClient(aws.Transport).DescribeDBEngineVersionsAsync("postgres", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(versions.Select(v => (v.Engine, v.EngineVersion, v.DBParameterGroupFamily, v.Status)), Is.EqualTo(new[]
            {
                ("postgres", "16.3", "postgres16", "available"),
                ("aurora-postgresql", "16.4", "aurora-postgresql16", "available"),
            }));
            Assert.That(aws.Form(0)["Engine"], Is.EqualTo("postgres"));
        }
    }
}
