using NUnit.Framework;
using Verification.Probes.Aws.Logs;

namespace Verification.Probes.Tests.Aws.Json;

public sealed class LogsClientTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Test]
    public async Task Log_groups_keep_retention_key_and_millisecond_creation_time()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("logs", "DescribeLogGroups.response.json");
        wire.Answer("""{"logGroups":[]}""");

        var groups = await new LogsClient(wire.Transport).DescribeLogGroupsAsync("/ecs/", CancellationToken.None);

        var api = groups[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(api.LogGroupName, Is.EqualTo("/ecs/hipaa-api"));
            Assert.That(api.RetentionInDays, Is.EqualTo(2192));
            Assert.That(api.KmsKeyId, Is.EqualTo(KeyArn));
            Assert.That(api.CreationTime, Is.EqualTo(new DateTimeOffset(2024, 5, 14, 21, 48, 20, TimeSpan.Zero)));
            Assert.That(groups[1].CreationTime, Is.EqualTo(new DateTimeOffset(2024, 5, 14, 21, 48, 20, 500, TimeSpan.Zero)));
            Assert.That(api.StoredBytes, Is.EqualTo(1048576));
            Assert.That(api.LogGroupClass, Is.EqualTo("STANDARD"));
            Assert.That(groups[1].RetentionInDays, Is.Null);
            Assert.That(groups[1].KmsKeyId, Is.Null);
        }
    }

    [Test]
    public async Task Log_groups_are_listed_across_pages_with_the_prefix_kept()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("logs", "DescribeLogGroups.response.json");
        wire.Answer("""{"logGroups":[{"logGroupName":"/ecs/hipaa-zz","creationTime":1715723301000,"arn":"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/hipaa-zz:*"}]}""");

        var groups = await new LogsClient(wire.Transport).DescribeLogGroupsAsync("/ecs/", CancellationToken.None);

        var second = wire.RequestBody(1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(groups, Has.Count.EqualTo(3));
            Assert.That(second.GetProperty("nextToken").GetString(), Is.EqualTo("/ecs/hipaa-worker"));
            Assert.That(second.GetProperty("logGroupNamePrefix").GetString(), Is.EqualTo("/ecs/"));
            Assert.That(wire.Handler.Requests[0].Headers["X-Amz-Target"], Is.EqualTo("Logs_20140328.DescribeLogGroups"));
        }
    }

    [Test]
    public async Task The_group_arn_is_taken_from_log_group_arn_or_else_from_arn_without_the_stream_wildcard()
    {
        using var wire = new JsonWire();
        wire.AnswerSample("logs", "DescribeLogGroups.response.json");
        wire.Answer("""{"logGroups":[{"logGroupName":"/ecs/legacy","arn":"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/legacy:*"}]}""");

        var groups = await new LogsClient(wire.Transport).DescribeLogGroupsAsync(cancellationToken: CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(groups[0].Arn, Is.EqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/hipaa-api"));
            Assert.That(groups[2].Arn, Is.EqualTo("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/legacy"));
            Assert.That(wire.RequestBody(0).TryGetProperty("logGroupNamePrefix", out _), Is.False);
        }
    }
}
