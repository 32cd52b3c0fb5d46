using System.Net;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using NUnit.Framework;
using Verification.Probes.Tests.Robustness;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Sandbox;

/// <summary>
/// The sandbox as several AWS accounts (sandbox/organisation/inventory.json): the base key is the CI account's session,
/// and each member's stack is reached only by assuming its audit role, whose trust decides as AWS's would.
/// </summary>
public sealed class OrganisationTests
{
    private const string DevRole = "arn:aws:iam::111111111111:role/verification-audit";
    private const string StagingRole = "arn:aws:iam::222222222222:role/verification-audit";
    private const string ProdRole = "arn:aws:iam::333333333333:role/verification-audit";
    private const string ExternalId = "verification-nightly";
    private const string DevKey = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string StagingKey = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static readonly string InventoryPath = Path.Combine(RepositoryRoot.Path, "sandbox", "organisation", "inventory.json");

    private IReadOnlyList<InventoryAccount> _inventory = null!;
    private SandboxStack _sandbox = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _inventory = OrganisationInventory.Read(InventoryPath);
        _sandbox = await SandboxStack.StartOrganisationAsync([.. _inventory.Select(a => a.Member)]);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _sandbox.DisposeAsync();

    [Test]
    public async Task The_base_key_is_the_ci_accounts_nightly_session()
    {
        using var sts = Sts(SandboxStack.Credentials);

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(identity.Account, Is.EqualTo(SandboxOrganisation.HomeAccount));
            Assert.That(identity.Arn, Is.EqualTo(SandboxOrganisation.HomeCallerArn));
        }
    }

    [Test]
    public async Task Assuming_the_dev_audit_role_with_its_external_id_acts_as_that_role_in_dev()
    {
        using var sts = Sts(SandboxStack.Credentials);

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DevRole, RoleSessionName = "nightly-dev", ExternalId = ExternalId });
        using var asDev = Sts(assumed.Credentials);
        var identity = await asDev.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(assumed.Credentials.AccessKeyId, Does.StartWith("ASIA").And.Length.EqualTo(20));
            Assert.That(assumed.Credentials.Expiration, Is.Not.Null);
            Assert.That(assumed.AssumedRoleUser.Arn, Is.EqualTo("arn:aws:sts::111111111111:assumed-role/verification-audit/nightly-dev"));
            Assert.That(assumed.AssumedRoleUser.AssumedRoleId, Does.StartWith("AROA").And.EndWith(":nightly-dev"));
            Assert.That(identity.Account, Is.EqualTo("111111111111"));
            Assert.That(identity.Arn, Is.EqualTo(assumed.AssumedRoleUser.Arn));
            Assert.That(identity.UserId, Is.EqualTo(assumed.AssumedRoleUser.AssumedRoleId));
        }
    }

    [Test]
    public async Task Each_assume_role_issues_a_key_of_its_own()
    {
        using var sts = Sts(SandboxStack.Credentials);

        var first = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DevRole, RoleSessionName = "first", ExternalId = ExternalId });
        var second = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DevRole, RoleSessionName = "first", ExternalId = ExternalId });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Credentials.AccessKeyId, Is.Not.EqualTo(first.Credentials.AccessKeyId));
            Assert.That(second.Credentials.SessionToken, Is.Not.EqualTo(first.Credentials.SessionToken));
        }
    }

    [TestCase(DevRole, "someone-else", TestName = "A_wrong_external_id_is_refused_in_AWSs_words")]
    [TestCase(DevRole, null, TestName = "A_missing_external_id_is_refused_in_AWSs_words")]
    [TestCase(ProdRole, ExternalId, TestName = "A_role_that_trusts_another_principal_is_refused_in_AWSs_words")]
    [TestCase("arn:aws:iam::111111111111:role/no-such-role", ExternalId, TestName = "A_role_the_account_does_not_have_is_refused_in_AWSs_words")]
    [TestCase("arn:aws:iam::444444444444:role/verification-audit", ExternalId, TestName = "A_role_in_an_account_outside_the_organisation_is_refused_in_AWSs_words")]
    public async Task Assume_role_is_refused(string roleArn, string? externalId)
    {
        using var sts = Sts(SandboxStack.Credentials);

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "nightly", ExternalId = externalId }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo("AccessDenied"));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(error.Message, Is.EqualTo($"User: {SandboxOrganisation.HomeCallerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}"));
        }
    }

    [TestCase("arn:aws:iam::999999999999:root", TestName = "A_role_trusting_the_ci_account_root_can_be_assumed_with_the_base_key")]
    [TestCase("*", TestName = "A_role_trusting_every_aws_principal_can_be_assumed_with_the_base_key")]
    public async Task Assume_role_succeeds_for_a_trust_naming(string trustedPrincipal)
    {
        await using var sandbox = await SandboxStack.StartOrganisationAsync([new OrganisationMember("444444444444", "compliant-rds", TrustedPrincipal: trustedPrincipal)]);
        using var sts = Sts(SandboxStack.Credentials, sandbox.Endpoint);

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::444444444444:role/verification-audit", RoleSessionName = "nightly" });

        Assert.That(assumed.AssumedRoleUser.Arn, Is.EqualTo("arn:aws:sts::444444444444:assumed-role/verification-audit/nightly"));
    }

    [TestCase(100, TestName = "A_duration_under_15_minutes_is_a_validation_error")]
    [TestCase(7200, TestName = "A_duration_over_the_roles_maximum_session_is_a_validation_error")]
    public async Task Assume_role_with_a_duration_out_of_range_is_refused(int seconds)
    {
        using var sts = Sts(SandboxStack.Credentials);

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DevRole, RoleSessionName = "nightly", ExternalId = ExternalId, DurationSeconds = seconds }));

        Assert.That(error.ErrorCode, Is.EqualTo("ValidationError"));
    }

    [Test]
    public async Task A_session_name_with_a_space_is_a_validation_error_naming_the_pattern()
    {
        using var raw = new RawAws(_sandbox.Endpoint);

        var reply = await raw.QueryAsync("sts", $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(DevRole)}&RoleSessionName=night%20ly&ExternalId={ExternalId}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reply.ErrorCode, Is.EqualTo("ValidationError"));
            Assert.That(reply.Text("Message"), Does.Contain("roleSessionName").And.Contain(@"[\w+=,.@-]*"));
        }
    }

    [Test]
    public async Task Temporary_credentials_with_a_wrong_session_token_are_rejected()
    {
        var assumed = await AssumeDevAsync();
        using var forged = Sts(new SessionAWSCredentials(assumed.AccessKeyId, assumed.SecretAccessKey, assumed.SessionToken[..^4] + "AAAA"));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => forged.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.That(error.ErrorCode, Is.EqualTo("InvalidClientTokenId"));
    }

    [Test]
    public async Task Temporary_credentials_without_their_session_token_are_rejected()
    {
        var assumed = await AssumeDevAsync();
        using var bare = Sts(new BasicAWSCredentials(assumed.AccessKeyId, assumed.SecretAccessKey));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => bare.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.That(error.ErrorCode, Is.EqualTo("InvalidClientTokenId"));
    }

    [Test]
    public async Task Temporary_credentials_expire_at_the_signing_time_plus_the_duration()
    {
        using var raw = new RawAws(_sandbox.Endpoint);
        var assumed = await raw.QueryAsync("sts", $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(DevRole)}&RoleSessionName=short&ExternalId={ExternalId}&DurationSeconds=900");
        var credentials = new ImmutableCredentials(assumed.Text("AccessKeyId"), assumed.Text("SecretAccessKey"), assumed.Text("SessionToken"));

        var before = await raw.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", credentials: credentials, signedAt: RawAws.SignedAt.AddMinutes(14));
        var after = await raw.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", credentials: credentials, signedAt: RawAws.SignedAt.AddMinutes(16));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(assumed.Text("Expiration"), Is.EqualTo("2024-06-01T12:15:00Z"));
            Assert.That(assumed.Xml.Name.LocalName, Is.EqualTo("AssumeRoleResponse"));
            Assert.That(assumed.Xml.Elements().First().Name.LocalName, Is.EqualTo("AssumeRoleResult"));
            Assert.That(before.Text("Account"), Is.EqualTo("111111111111"));
            Assert.That(after.Status, Is.EqualTo(403));
            Assert.That(after.ErrorCode, Is.EqualTo("ExpiredToken"));
        }
    }

    [Test]
    public async Task Dev_credentials_see_devs_key_under_its_rewritten_arn()
    {
        using var kms = Kms(await AssumeDevAsync());

        var key = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = DevKey });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(key.KeyMetadata.Arn, Is.EqualTo(DevKey));
            Assert.That(key.KeyMetadata.AWSAccountId, Is.EqualTo("111111111111"));
        }
    }

    [Test]
    public async Task Dev_credentials_asking_for_a_staging_key_are_denied_naming_the_caller_and_the_key()
    {
        using var kms = Kms(await AssumeDevAsync());

        var error = await Assert.ThrowsAsync<AmazonKeyManagementServiceException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = StagingKey }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ErrorCode, Is.EqualTo("AccessDeniedException"));
            Assert.That(error.Message, Does.StartWith($"User: arn:aws:sts::111111111111:assumed-role/verification-audit/nightly is not authorized to perform: kms:DescribeKey on resource: {StagingKey}"));
        }
    }

    [Test]
    public async Task The_home_account_holds_no_stack()
    {
        using var kms = Kms(SandboxStack.Credentials);

        var aliases = await kms.ListAliasesAsync(new ListAliasesRequest());

        Assert.That(aliases.Aliases ?? [], Is.Empty);
    }

    [Test]
    public async Task A_dev_session_cannot_chain_into_staging_whose_trust_names_only_the_ci_role()
    {
        using var asDev = Sts(await AssumeDevAsync());

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            asDev.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = StagingRole, RoleSessionName = "chained", ExternalId = ExternalId }));

        Assert.That(error.Message, Is.EqualTo($"User: arn:aws:sts::111111111111:assumed-role/verification-audit/nightly is not authorized to perform: sts:AssumeRole on resource: {StagingRole}"));
    }

    [Test]
    public async Task Every_parameter_assume_role_sends_is_a_member_of_its_input_shape()
    {
        await using var sandbox = await SandboxStack.StartOrganisationAsync([new OrganisationMember("111111111111", "compliant-rds", ExternalId: ExternalId)]);
        using var sts = Sts(SandboxStack.Credentials, sandbox.Endpoint);
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DevRole, RoleSessionName = "nightly", ExternalId = ExternalId, DurationSeconds = 900 });
        var models = AwsModels.Find() ?? throw new AssertionException("The AWS models (../shared/aws-models beside the repository) were not found.");

        var sent = sandbox.Server.ParametersReceived.Single(r => r.Action == "AssumeRole");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent.Names, Is.EquivalentTo(new[] { "RoleArn", "RoleSessionName", "ExternalId", "DurationSeconds" }));
            Assert.That(models.UnknownParameters(sent), Is.Empty);
        }
    }

    [TestCase("dev")]
    [TestCase("staging")]
    [TestCase("prod")]
    public void The_committed_outputs_file_is_the_members_outputs_in_terraforms_shape(string name)
    {
        var account = _inventory.Single(a => a.Name == name);
        var organisation = SandboxOrganisation.Create([.. _inventory.Select(a => a.Member)]);
        var file = JsonNode.Parse(File.ReadAllText(account.OutputsPaths.Single()))!.AsObject();

        var values = new JsonObject([.. file.Select(p => KeyValuePair.Create(p.Key, p.Value?["value"]?.DeepClone()))]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(JsonNode.DeepEquals(values, organisation.OutputsOf(account.Member)), Is.True, $"{account.OutputsPaths.Single()} should hold: {organisation.OutputsOf(account.Member).ToJsonString()}");
            Assert.That(file.Select(p => p.Value?["type"]?.GetValue<string>()), Is.All.EqualTo("string"));
            Assert.That(file.ToJsonString(), Does.Contain(account.Member.AccountId).And.Not.Contain("123456789012"));
        }
    }

    [Test]
    public void Two_members_with_one_account_id_are_refused_naming_the_account()
    {
        OrganisationMember[] members = [new("111111111111", "compliant-rds"), new("111111111111", "rds-public")];

        var error = Assert.Throws<ScenarioException>(() => SandboxOrganisation.Create(members));

        Assert.That(error.Message, Does.Contain("111111111111").And.Contain("compliant-rds").And.Contain("rds-public"));
    }

    [Test]
    public void A_member_stack_carries_its_own_account_id_in_every_arn()
    {
        var organisation = SandboxOrganisation.Create([new OrganisationMember("222222222222", "rds-public")]);

        var scenario = organisation.ScenarioOf(organisation.Members.Single());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Account, Is.EqualTo("222222222222"));
            Assert.That(scenario.Select("/resources")!.ToJsonString(), Does.Not.Contain("123456789012"));
            Assert.That(scenario.Select("/resources/rds/DBInstances/0/PubliclyAccessible")!.GetValue<bool>(), Is.True);
        }
    }

    private async Task<Credentials> AssumeDevAsync()
    {
        using var sts = Sts(SandboxStack.Credentials);
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = DevRole, RoleSessionName = "nightly", ExternalId = ExternalId });
        return assumed.Credentials;
    }

    private AmazonSecurityTokenServiceClient Sts(AWSCredentials credentials, Uri? endpoint = null) =>
        new(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = (endpoint ?? _sandbox.Endpoint).ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    private AmazonKeyManagementServiceClient Kms(AWSCredentials credentials) =>
        new(credentials, new AmazonKeyManagementServiceConfig { ServiceURL = _sandbox.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
}
