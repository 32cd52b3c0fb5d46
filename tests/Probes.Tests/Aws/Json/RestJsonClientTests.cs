using NUnit.Framework;
using System.Net;
using Verification.Probes.Aws;
using Verification.Probes.Aws.Backup;
using Verification.Probes.Aws.GuardDuty;
using Verification.Probes.Aws.SecurityHub;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Tests.Aws.Json;

/// <summary>The REST-JSON transport on canned answers: where each member goes, how it is signed, paged and how errors read.</summary>
public sealed class RestJsonClientTests
{
    private const string PlanId = "3f8c2a1e-7b4d-4e6f-9a0b-1c2d3e4f5a6b";

    private static Dictionary<string, string> RequestIdHeader(string? errorType = null)
    {
        var headers = new Dictionary<string, string> { ["x-amzn-RequestId"] = JsonWire.RequestId };
        if (errorType is not null)
        {
            headers["x-amzn-ErrorType"] = errorType;
        }

        return headers;
    }

    [Test]
    public void Path_labels_are_encoded_into_the_request_uri_and_the_query_is_sorted_as_sigv4_signs_it()
    {
        var operation = new RestOperation("ListBackupSelections", "GET", "/backup/plans/{backupPlanId}/selections/");

        var pathAndQuery = operation.PathAndQuery(
            new Dictionary<string, string> { ["backupPlanId"] = "plan id/1" },
            new Dictionary<string, string> { ["nextToken"] = "a+b=", ["maxResults"] = "2" });

        Assert.That(pathAndQuery, Is.EqualTo("/backup/plans/plan%20id%2F1/selections/?maxResults=2&nextToken=a%2Bb%3D"));
    }

    [Test]
    public void A_missing_path_label_is_refused_rather_than_addressing_another_operation()
    {
        var operation = new RestOperation("GetBackupPlan", "GET", "/backup/plans/{backupPlanId}/");

        Assert.That(() => operation.PathAndQuery(null, null), Throws.ArgumentException.With.Message.Contains("{backupPlanId}"));
    }

    [Test]
    public async Task A_backup_list_pages_with_the_nextToken_query_parameter_and_signs_as_backup()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"BackupSelectionsList":[{"SelectionId":"s-1","BackupPlanId":"p"}],"NextToken":"page-2"}""");
        wire.Answer("""{"BackupSelectionsList":[{"SelectionId":"s-2","BackupPlanId":"p"}]}""");

        var ids = await new BackupClient(wire.Transport).ListBackupSelectionsAsync(PlanId, CancellationToken.None);

        var requests = wire.Handler.Requests;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids, Is.EqualTo(new[] { "s-1", "s-2" }));
            Assert.That(requests.Select(r => r.Method), Is.All.EqualTo(HttpMethod.Get));
            Assert.That(requests[0].Uri.PathAndQuery, Is.EqualTo($"/backup/plans/{PlanId}/selections/?maxResults=1000"));
            Assert.That(requests[1].Uri.PathAndQuery, Is.EqualTo($"/backup/plans/{PlanId}/selections/?maxResults=1000&nextToken=page-2"));
            Assert.That(requests[0].Body, Is.Empty, "a REST GET carries no body");
            Assert.That(requests[0].Headers["Authorization"], Does.Contain("/us-east-1/backup/aws4_request"));
            Assert.That(requests[0].Headers, Does.Not.ContainKey("X-Amz-Target"));
        }
    }

    [Test]
    public async Task GuardDuty_findings_are_asked_with_the_criterion_and_paged_with_nextToken_in_the_body()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"findingIds":["f-1","f-2"],"nextToken":"t2"}""");
        wire.Answer("""{"findingIds":["f-3"],"nextToken":""}""");

        var ids = await new GuardDutyClient(wire.Transport).ListFindingsAsync("det1", 7, CancellationToken.None);

        var first = wire.RequestBody(0);
        var second = wire.RequestBody(1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids, Is.EqualTo(new[] { "f-1", "f-2", "f-3" }));
            Assert.That(wire.Handler.Requests.Select(r => (r.Method.Method, r.Uri.AbsolutePath)), Is.All.EqualTo(("POST", "/detector/det1/findings")));
            Assert.That(first.GetProperty("findingCriteria").GetProperty("criterion").GetProperty("severity").GetProperty("greaterThanOrEqual").GetInt32(), Is.EqualTo(7));
            Assert.That(first.GetProperty("findingCriteria").GetProperty("criterion").GetProperty("service.archived").GetProperty("equals")[0].GetString(), Is.EqualTo("false"));
            Assert.That(first.TryGetProperty("nextToken", out _), Is.False);
            Assert.That(second.GetProperty("nextToken").GetString(), Is.EqualTo("t2"));
            Assert.That(wire.Handler.Requests[0].Headers["Authorization"], Does.Contain("/us-east-1/guardduty/aws4_request"));
            Assert.That(wire.Handler.Requests[0].Headers["Content-Type"], Does.StartWith("application/json"));
        }
    }

    [Test]
    public async Task A_detector_reads_its_features_by_the_models_lowerCamel_names()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"status":"ENABLED","features":[{"name":"RDS_LOGIN_EVENTS","status":"ENABLED"},{"name":"RUNTIME_MONITORING","status":"ENABLED","additionalConfiguration":[{"name":"ECS_FARGATE_AGENT_MANAGEMENT","status":"DISABLED"}]}]}""");

        var detector = await new GuardDutyClient(wire.Transport).GetDetectorAsync("det1", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wire.Handler.Requests.Single().Uri.AbsolutePath, Is.EqualTo("/detector/det1"));
            Assert.That(detector.Status, Is.EqualTo("ENABLED"));
            Assert.That(detector.Features!.Select(f => f.Name), Is.EqualTo(new[] { "RDS_LOGIN_EVENTS", "RUNTIME_MONITORING" }));
            Assert.That(detector.Features![1].AdditionalConfiguration.Single().Status, Is.EqualTo("DISABLED"));
        }
    }

    [Test]
    public async Task A_detector_without_features_keeps_them_absent_not_empty()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"status":"ENABLED","dataSources":{}}""");

        var detector = await new GuardDutyClient(wire.Transport).GetDetectorAsync("det1", CancellationToken.None);

        Assert.That(detector.Features, Is.Null);
    }

    [Test]
    public async Task A_vault_reads_its_key_and_lock_with_epoch_second_timestamps()
    {
        using var wire = new JsonWire();
        wire.Answer("""{"BackupVaultName":"v","EncryptionKeyArn":"arn:aws:kms:us-east-1:1:key/k","Locked":true,"MinRetentionDays":30,"LockDate":1.7177472E9}""");

        var vault = await new BackupClient(wire.Transport).DescribeBackupVaultAsync("v", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wire.Handler.Requests.Single().Uri.AbsolutePath, Is.EqualTo("/backup-vaults/v"));
            Assert.That(vault.Locked, Is.True);
            Assert.That(vault.MinRetentionDays, Is.EqualTo(30));
            Assert.That(vault.LockDate, Is.EqualTo(new DateTimeOffset(2024, 6, 7, 8, 0, 0, TimeSpan.Zero)));
        }
    }

    private static IEnumerable<TestCaseData> Errors()
    {
        // Backup: the header names the type; the body's Code is an internal number.
        yield return new TestCaseData("InvalidParameterValueException", """{"Code":"ERROR_2603","Context":"x","Message":"Invalid plan id","Type":"User"}""", "InvalidParameterValueException", "Invalid plan id")
            .SetName("Backup's header wins over its body Code");
        yield return new TestCaseData("AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/", """{"message":"User is not authorized to perform: guardduty:ListDetectors"}""", "AccessDeniedException", "guardduty:ListDetectors")
            .SetName("A header with a namespace suffix becomes the bare code");
        yield return new TestCaseData(null, """{"__type":"BadRequestException","message":"The request is rejected"}""", "BadRequestException", "The request is rejected")
            .SetName("Without a header the body __type names the error");
        yield return new TestCaseData(null, """{"Code":"InvalidAccessException","Message":"Account 1 is not subscribed to AWS Security Hub"}""", "InvalidAccessException", "not subscribed")
            .SetName("Without a header the body Code names the error");
    }

    [TestCaseSource(nameof(Errors))]
    public async Task Errors_are_read_from_the_error_type_header_or_the_body(string? header, string body, string code, string message)
    {
        using var wire = new JsonWire();
        wire.Handler.Enqueue(HttpStatusCode.BadRequest, body, headers: RequestIdHeader(header));

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new GuardDutyClient(wire.Transport).ListDetectorsAsync(CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo(code));
            Assert.That(error.AwsMessage, Does.Contain(message));
            Assert.That(error.RequestId, Is.EqualTo(JsonWire.RequestId));
            Assert.That(error.Action, Is.EqualTo("guardduty:ListDetectors"));
        }
    }

    [Test]
    public async Task Security_hub_not_subscribed_is_an_answer_and_access_denied_is_an_error()
    {
        using var wire = new JsonWire();
        wire.Handler.Enqueue(HttpStatusCode.Unauthorized, """{"Code":"InvalidAccessException","Message":"Account 123456789012 is not subscribed to AWS Security Hub"}""", headers: RequestIdHeader("InvalidAccessException"));
        wire.Handler.Enqueue(HttpStatusCode.Forbidden, """{"Code":"AccessDeniedException","Message":"User is not authorized to perform: securityhub:DescribeHub"}""", headers: RequestIdHeader("AccessDeniedException"));
        var client = new SecurityHubClient(wire.Transport);

        var notSubscribed = await client.DescribeHubAsync(CancellationToken.None);
        var denied = (await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeHubAsync(CancellationToken.None)))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(notSubscribed, Is.Null);
            Assert.That(denied.IsAccessDenied, Is.True);
            Assert.That(wire.Handler.Requests[0].Uri.AbsolutePath, Is.EqualTo("/accounts"));
        }
    }

    [Test]
    public async Task An_empty_200_body_is_malformed_never_an_empty_list()
    {
        using var wire = new JsonWire();
        wire.Answer("");

        var error = (await Assert.ThrowsAsync<AwsServiceException>(() => new BackupClient(wire.Transport).ListBackupPlansAsync(CancellationToken.None)))!;

        Assert.That(error.ErrorCode, Is.EqualTo("MalformedResponse"));
    }
}
