using System.Net;
using NUnit.Framework;
using Verification.Probes.Aws;
using Verification.Probes.Aws.CloudTrail;
using Verification.Probes.Aws.Config;
using Verification.Probes.Aws.Wafv2;

namespace Verification.Probes.Tests.Aws.Json;

public sealed class AuditClientTests
{
    private const string TrailArn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail";
    private const string AclArn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/app/a1b2";

    [Test]
    public async Task Describe_trails_targets_cloudtrail_and_includes_shadow_trails()
    {
        using var wire = new JsonWire();
        wire.Answer($$"""{"trailList":[{"Name":"org-trail","TrailARN":"{{TrailArn}}","IsMultiRegionTrail":true,"LogFileValidationEnabled":true,"KmsKeyId":"arn:aws:kms:us-east-1:123456789012:key/k"}]}""");

        var trails = await new CloudTrailClient(wire.Transport).DescribeTrailsAsync(CancellationToken.None);

        var request = wire.Handler.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Headers["X-Amz-Target"], Is.EqualTo("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails"));
            Assert.That(request.Headers["Authorization"], Does.Contain("/us-east-1/cloudtrail/aws4_request"));
            Assert.That(wire.RequestBody(0).GetProperty("includeShadowTrails").GetBoolean(), Is.True);
            Assert.That(trails.Single().IsMultiRegionTrail, Is.True);
        }
    }

    [Test]
    public async Task Advanced_field_selectors_keep_their_equals_and_starts_with_values()
    {
        using var wire = new JsonWire();
        wire.Answer($$"""{"TrailARN":"{{TrailArn}}","AdvancedEventSelectors":[{"Name":"state","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.ARN","StartsWith":["arn:aws:s3:::tfstate/"]}]}]}""");

        var selectors = await new CloudTrailClient(wire.Transport).GetEventSelectorsAsync(TrailArn, CancellationToken.None);

        var fields = selectors.AdvancedEventSelectors.Single().FieldSelectors;
        Assert.That(fields.Select(f => (f.Field, string.Join(",", f.EqualTo), string.Join(",", f.StartsWith))),
            Is.EqualTo(new[] { ("eventCategory", "Data", ""), ("resources.ARN", "", "arn:aws:s3:::tfstate/") }));
    }

    [Test]
    public async Task A_recorder_answer_without_its_list_is_malformed_not_an_account_without_recorders()
    {
        using var wire = new JsonWire();
        wire.Answer("{}");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new ConfigClient(wire.Transport).DescribeConfigurationRecorderStatusAsync(CancellationToken.None));

        Assert.That((error!.ErrorCode, error.Action), Is.EqualTo(("MalformedResponse", "config:DescribeConfigurationRecorderStatus")));
    }

    [Test]
    public async Task A_resource_without_a_web_acl_answers_an_empty_object_read_as_none()
    {
        using var wire = new JsonWire();
        wire.Answer("{}");

        var acl = await new Wafv2Client(wire.Transport).GetWebACLForResourceAsync("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1", CancellationToken.None);

        Assert.That(acl, Is.Null);
    }

    [Test]
    public async Task A_web_acl_without_logging_is_WAFNonexistentItemException_read_as_no_logging()
    {
        using var wire = new JsonWire();
        wire.Handler.Enqueue(HttpStatusCode.BadRequest, """{"__type":"WAFNonexistentItemException","Message":"AWS WAF couldn't perform the operation because your resource doesn't exist."}""");

        var logging = await new Wafv2Client(wire.Transport).GetLoggingConfigurationAsync(AclArn, CancellationToken.None);

        Assert.That(logging, Is.Null);
    }

    [Test]
    public async Task A_denied_GetLoggingConfiguration_is_an_error_naming_the_permission()
    {
        using var wire = new JsonWire();
        wire.Handler.Enqueue(HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","Message":"not authorized to perform: wafv2:GetLoggingConfiguration"}""");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new Wafv2Client(wire.Transport).GetLoggingConfigurationAsync(AclArn, CancellationToken.None));

        Assert.That((error!.IsAccessDenied, error.Action), Is.EqualTo((true, "wafv2:GetLoggingConfiguration")));
    }
}
