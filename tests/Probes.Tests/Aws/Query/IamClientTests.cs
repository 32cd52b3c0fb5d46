using NUnit.Framework;
using Verification.Probes.Aws.Iam;

namespace Verification.Probes.Tests.Aws.Query;

public sealed class IamClientTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/hipaa-ecs-task-execution-role";
    private const string SecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hipaa/db-credentials-AbCdEf";
    private const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Test]
    public async Task Role_trust_policy_arrives_url_decoded()
    {
        using var aws = new QueryHarness();
        aws.Answer("iam", "GetRole.response.xml");

        var role = await new IamClient(aws.Transport).GetRoleAsync("hipaa-ecs-task-execution-role", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(aws.Form(0), Is.EqualTo(new Dictionary<string, string>
            {
                ["Action"] = "GetRole",
                ["Version"] = "2010-05-08",
                ["RoleName"] = "hipaa-ecs-task-execution-role",
            }));
            Assert.That(role.RoleName, Is.EqualTo("hipaa-ecs-task-execution-role"));
            Assert.That(role.Arn, Is.EqualTo(RoleArn));
            Assert.That(role.RoleId, Is.EqualTo("AROADBQP57FF2AEXAMPLE"));
            Assert.That(role.Path, Is.EqualTo("/"));
            Assert.That(role.AssumeRolePolicyDocument, Is.EqualTo(
                """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""));
        }
    }

    [Test]
    public async Task Iam_is_signed_in_us_east_1_whatever_region_the_session_uses()
    {
        using var aws = new QueryHarness("eu-west-1");
        aws.Answer("iam", "GetRole.response.xml");

        await new IamClient(aws.Transport).GetRoleAsync("hipaa-ecs-task-execution-role", CancellationToken.None);

        Assert.That(aws.Handler.Requests.Single().Headers["Authorization"], Does.Contain("/us-east-1/iam/aws4_request"));
    }

    [Test]
    public async Task Simulation_sends_actions_and_resources_as_numbered_members()
    {
        using var aws = new QueryHarness();
        aws.Answer("iam", "SimulatePrincipalPolicy.response.xml");

        await new IamClient(aws.Transport).SimulatePrincipalPolicyAsync(
            RoleArn, ["secretsmanager:GetSecretValue", "kms:Decrypt"], [SecretArn, KeyArn], CancellationToken.None);

        Assert.That(aws.Form(0), Is.EqualTo(new Dictionary<string, string>
        {
            ["Action"] = "SimulatePrincipalPolicy",
            ["Version"] = "2010-05-08",
            ["PolicySourceArn"] = RoleArn,
            ["ActionNames.member.1"] = "secretsmanager:GetSecretValue",
            ["ActionNames.member.2"] = "kms:Decrypt",
            ["ResourceArns.member.1"] = SecretArn,
            ["ResourceArns.member.2"] = KeyArn,
        }));
    }

    [Test]
    public async Task Simulation_without_resources_sends_no_resource_members()
    {
        using var aws = new QueryHarness();
        aws.Answer("iam", "SimulatePrincipalPolicy.response.xml");

        await new IamClient(aws.Transport).SimulatePrincipalPolicyAsync(RoleArn, ["kms:Decrypt"], [], CancellationToken.None);

        Assert.That(aws.Form(0).Keys, Has.None.StartsWith("ResourceArns"));
    }

    [Test]
    public async Task Simulation_results_carry_the_decision_for_each_action_and_resource()
    {
        using var aws = new QueryHarness();
        aws.Answer("iam", "SimulatePrincipalPolicy.response.xml");

        var results = await new IamClient(aws.Transport).SimulatePrincipalPolicyAsync(
            RoleArn, ["secretsmanager:GetSecretValue", "kms:Decrypt"], [SecretArn, KeyArn], CancellationToken.None);

        Assert.That(results.Select(r => (r.EvalActionName, r.EvalResourceName, r.EvalDecision)), Is.EqualTo(new[]
        {
            ("secretsmanager:GetSecretValue", SecretArn, "allowed"),
            ("kms:Decrypt", KeyArn, "implicitDeny"),
        }));
    }

    [Test]
    public async Task Simulation_follows_the_marker_while_the_answer_is_truncated()
    {
        using var aws = new QueryHarness();
        var (first, last) = WireSample.SplitPages(WireSample.Read("iam", "SimulatePrincipalPolicy.response.xml"), "EvaluationResults", "Marker", "sim-page-2");
        aws.Answer(WireSample.SetInResult(first, "IsTruncated", "true"));
        aws.Answer(last);

        var results = await new IamClient(aws.Transport).SimulatePrincipalPolicyAsync(
            RoleArn, ["secretsmanager:GetSecretValue", "kms:Decrypt"], [SecretArn, KeyArn], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.EvalDecision), Is.EqualTo(new[] { "allowed", "implicitDeny" }));
            Assert.That(aws.Form(1)["Marker"], Is.EqualTo("sim-page-2"));
            Assert.That(aws.Form(1)["ActionNames.member.2"], Is.EqualTo("kms:Decrypt"));
        }
    }

    [Test]
    public async Task Simulation_stops_when_the_answer_is_not_truncated_even_if_it_carries_a_marker()
    {
        using var aws = new QueryHarness();
        aws.Answer(WireSample.SetInResult(WireSample.Read("iam", "SimulatePrincipalPolicy.response.xml"), "Marker", "stale-marker"));

        var results = await new IamClient(aws.Transport).SimulatePrincipalPolicyAsync(RoleArn, ["kms:Decrypt"], [KeyArn], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results, Has.Count.EqualTo(2));
            Assert.That(aws.Handler.Requests, Has.Count.EqualTo(1));
        }
    }
}
