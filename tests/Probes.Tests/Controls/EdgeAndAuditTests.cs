using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Audit;
using Verification.Probes.Controls.Encryption;
using Verification.Probes.Controls.LoadBalancing;
using Verification.Probes.Controls.PrivateAccess;

namespace Verification.Probes.Tests.Controls;

public sealed class EdgeAndAuditTests
{
    private const string StateObjects = "arn:aws:s3:::healthcare-tfstate-dev/";

    private static Control[] NewControls() =>
    [
        new CloudTrailMultiRegionLogging(), new CloudTrailLogsEncryptedAndValidated(), new CloudTrailLogsStateBucketDataEvents(), new AwsConfigRecording(),
        new AlbAccessLogsEnabled(), new AlbDropsInvalidHeadersAndMitigatesDesync(), new AlbDeletionProtectionEnabled(), new AlbProtectedByWafWithLogging(),
        new RdsSnapshotsEncrypted(), new RdsSnapshotsNotPublic(),
    ];

    private static IEnumerable<TestCaseData> OnRds() => NewControls().Select(c => new TestCaseData(c).SetName($"{c.Id}_passes_on_the_compliant_rds_stack"));

    private static IEnumerable<TestCaseData> OnAurora() => NewControls().Select(c => new TestCaseData(c).SetName($"{c.Id}_passes_on_the_compliant_aurora_stack"));

    [TestCaseSource(nameof(OnRds))]
    public async Task Control_passes_on_the_compliant_rds_stack(Control control)
    {
        var findings = Snapshots.Evaluate(control, await Snapshots.CompliantRds());

        Assert.That(findings.Select(f => f.Status), Has.Some.EqualTo(FindingStatus.Pass).And.None.EqualTo(FindingStatus.Fail).And.None.EqualTo(FindingStatus.Error));
    }

    [TestCaseSource(nameof(OnAurora))]
    public async Task Control_passes_on_the_compliant_aurora_stack(Control control)
    {
        var findings = Snapshots.Evaluate(control, await Snapshots.CompliantAurora());

        Assert.That(findings.Select(f => f.Status), Has.Some.EqualTo(FindingStatus.Pass).And.None.EqualTo(FindingStatus.Fail).And.None.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task An_account_without_any_trail_fails_the_multi_region_control_and_leaves_the_encryption_control_not_applicable()
    {
        var snapshot = await WithAccount(a => a with { Trails = Fetched<List<Trail>>.Of([]) });

        var logging = Snapshots.Evaluate(new CloudTrailMultiRegionLogging(), snapshot).Single();
        var encrypted = Snapshots.Evaluate(new CloudTrailLogsEncryptedAndValidated(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(logging.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(logging.Message, Does.Contain("has no trail in us-east-1"));
            Assert.That(encrypted.Status, Is.EqualTo(FindingStatus.NotApplicable));
        }
    }

    [Test]
    public async Task A_multi_region_trail_that_stopped_logging_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with
        {
            Account = compliant.Account with { TrailStatus = compliant.Account.TrailStatus.ToDictionary(p => p.Key, p => Fetched<TrailStatus>.Of(p.Value.Value! with { IsLogging = false })) },
        };

        var finding = Snapshots.Evaluate(new CloudTrailMultiRegionLogging(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("healthcare-trail-dev: multi-region, not logging"));
    }

    [Test]
    public async Task A_denied_GetTrailStatus_is_an_error_naming_the_permission()
    {
        var compliant = await Snapshots.CompliantRds();
        var denied = new CollectionError("cloudtrail:GetTrailStatus", "AccessDeniedException", "not authorized", "us-east-1");
        var snapshot = compliant with { Account = compliant.Account with { TrailStatus = compliant.Account.TrailStatus.ToDictionary(p => p.Key, _ => Fetched<TrailStatus>.Failed(denied)) } };

        var finding = Snapshots.Evaluate(new CloudTrailMultiRegionLogging(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("needs cloudtrail:GetTrailStatus"));
        }
    }

    [Test]
    public async Task A_trail_with_s3_managed_keys_fails_naming_the_missing_kms_key()
    {
        var snapshot = await WithAccount(a => a with { Trails = Snapshots.Replace(a.Trails, _ => true, t => t with { KmsKeyId = null }) });

        var finding = Snapshots.Evaluate(new CloudTrailLogsEncryptedAndValidated(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("CloudTrail trail healthcare-trail-dev: its logs are not encrypted with a KMS key (S3-managed keys only)."));
    }

    [TestCase("All", ExpectedResult = true)]
    [TestCase("ReadOnly", ExpectedResult = false)]
    public bool Basic_selectors_record_the_state_objects_only_for_reads_and_writes(string readWriteType)
    {
        var selectors = new TrailEventSelectors { EventSelectors = [new EventSelector { ReadWriteType = readWriteType, DataResources = [new DataResource { Type = "AWS::S3::Object", Values = [StateObjects] }] }] };

        var (reads, writes) = CloudTrailLogsStateBucketDataEvents.Covered(selectors, StateObjects);

        return reads && writes;
    }

    [TestCase("arn:aws:s3:::", ExpectedResult = true)]
    [TestCase(StateObjects, ExpectedResult = true)]
    [TestCase("arn:aws:s3:::healthcare-tfstate-dev/env/", ExpectedResult = false)]
    [TestCase("arn:aws:s3:::another-bucket/", ExpectedResult = false)]
    public bool Advanced_selectors_must_cover_every_object_of_the_state_bucket(string startsWith)
    {
        var selectors = new TrailEventSelectors
        {
            AdvancedEventSelectors = [new AdvancedEventSelector { FieldSelectors =
            [
                new AdvancedFieldSelector { Field = "eventCategory", EqualTo = ["Data"] },
                new AdvancedFieldSelector { Field = "resources.type", EqualTo = ["AWS::S3::Object"] },
                new AdvancedFieldSelector { Field = "resources.ARN", StartsWith = [startsWith] },
            ] }],
        };

        var (reads, writes) = CloudTrailLogsStateBucketDataEvents.Covered(selectors, StateObjects);

        return reads && writes;
    }

    [Test]
    public void An_advanced_selector_limited_to_writes_does_not_record_reads_of_the_state()
    {
        var selectors = new TrailEventSelectors
        {
            AdvancedEventSelectors = [new AdvancedEventSelector { FieldSelectors =
            [
                new AdvancedFieldSelector { Field = "eventCategory", EqualTo = ["Data"] },
                new AdvancedFieldSelector { Field = "resources.type", EqualTo = ["AWS::S3::Object"] },
                new AdvancedFieldSelector { Field = "readOnly", EqualTo = ["false"] },
            ] }],
        };

        var covered = CloudTrailLogsStateBucketDataEvents.Covered(selectors, StateObjects);

        Assert.That(covered, Is.EqualTo((false, true)));
    }

    [Test]
    public async Task Data_events_do_not_apply_without_a_state_bucket()
    {
        var snapshot = await Snapshots.CompliantRds() with { StateBucket = null };

        var finding = Snapshots.Evaluate(new CloudTrailLogsStateBucketDataEvents(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task A_region_without_a_configuration_recorder_fails()
    {
        var snapshot = await WithAccount(a => a with { ConfigurationRecorders = Fetched<List<ConfigurationRecorder>>.Of([]), ConfigurationRecordersStatus = Fetched<List<ConfigurationRecorderStatus>>.Of([]) });

        var finding = Snapshots.Evaluate(new AwsConfigRecording(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("AWS Config has no configuration recorder in us-east-1, so configuration changes are not recorded."));
    }

    [Test]
    public async Task A_recording_recorder_whose_last_delivery_failed_fails_naming_the_error()
    {
        var snapshot = await WithAccount(a => a with { ConfigurationRecordersStatus = Snapshots.Replace(a.ConfigurationRecordersStatus, _ => true, s => s with { LastStatus = "FAILURE", LastErrorCode = "NoSuchBucket" }) });

        var finding = Snapshots.Evaluate(new AwsConfigRecording(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("is recording but its last status is FAILURE (NoSuchBucket)"));
    }

    [Test]
    public async Task An_alb_whose_attributes_omit_deletion_protection_is_an_error_not_a_pass()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { LoadBalancerAttributes = compliant.LoadBalancerAttributes.ToDictionary(p => p.Key, p => Fetched<List<LoadBalancerAttribute>>.Of([.. p.Value.Value!.Where(a => a.Key != "deletion_protection.enabled")])) };

        var finding = Snapshots.Evaluate(new AlbDeletionProtectionEnabled(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("AWS did not report deletion_protection.enabled"));
        }
    }

    [TestCase("defensive", ExpectedResult = FindingStatus.Pass)]
    [TestCase("strictest", ExpectedResult = FindingStatus.Pass)]
    [TestCase("monitor", ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> Desync_mitigation_must_be_defensive_or_strictest(string mode)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { LoadBalancerAttributes = compliant.LoadBalancerAttributes.ToDictionary(p => p.Key, p => Snapshots.Replace(p.Value, a => a.Key == "routing.http.desync_mitigation_mode", a => a with { Value = mode })) };

        return Snapshots.Evaluate(new AlbDropsInvalidHeadersAndMitigatesDesync(), snapshot).Single().Status;
    }

    [Test]
    public async Task An_alb_without_a_web_acl_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { WebACLs = compliant.WebACLs.ToDictionary(p => p.Key, _ => new Fetched<WebACL>()) };

        var finding = Snapshots.Evaluate(new AlbProtectedByWafWithLogging(), snapshot).Single();

        Assert.That(finding.Message, Is.EqualTo("Elastic Load Balancing load balancer healthcare-alb-dev is not associated with any WAF web ACL."));
    }

    [Test]
    public async Task A_snapshot_shared_with_a_named_account_is_not_public()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { DBSnapshotAttributes = compliant.DBSnapshotAttributes.ToDictionary(p => p.Key, _ => Fetched<List<DBSnapshotAttribute>>.Of([new DBSnapshotAttribute { AttributeName = "restore", AttributeValues = ["210987654321"] }])) };

        var findings = Snapshots.Evaluate(new RdsSnapshotsNotPublic(), snapshot);

        Assert.That(findings.Where(f => f.Status == FindingStatus.Pass).Select(f => f.Message), Has.One.Contains("not public (shared with 210987654321)"));
    }

    [Test]
    public async Task A_failed_snapshot_list_is_an_error_not_a_stack_without_snapshots()
    {
        var denied = new CollectionError("rds:DescribeDBSnapshots", "AccessDenied", "not authorized", "us-east-1");
        var snapshot = await Snapshots.CompliantRds() with { DBSnapshots = Fetched<List<DBSnapshot>>.Failed(denied) };

        var finding = Snapshots.Evaluate(new RdsSnapshotsEncrypted(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("needs rds:DescribeDBSnapshots"));
    }

    private static async Task<StackSnapshot> WithAccount(Func<AccountAudit, AccountAudit> change)
    {
        var compliant = await Snapshots.CompliantRds();
        return compliant with { Account = change(compliant.Account) };
    }
}
