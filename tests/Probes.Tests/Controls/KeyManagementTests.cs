using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.KeyManagement;
using Verification.Probes.Controls.Policies;

namespace Verification.Probes.Tests.Controls;

public sealed class KeyManagementTests
{
    private const string Account = "123456789012";
    private const string ExecutionRole = "arn:aws:iam::123456789012:role/healthcare-ecs-execution-dev";

    private static async Task<StackSnapshot> WithPolicy(string policy) => await Snapshots.CompliantRds() with { KeyPolicy = Fetched<string>.Of(policy) };

    private static string Policy(params string[] statements) => $$"""{ "Version": "2012-10-17", "Statement": [ {{string.Join(",", statements)}} ] }""";

    private const string LogsScoped = """
        { "Sid": "Logs", "Effect": "Allow", "Principal": { "Service": "logs.us-east-1.amazonaws.com" },
          "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], "Resource": "*",
          "Condition": { "ArnLike": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*" } } }
        """;

    private const string RootDelegation = """
        { "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "kms:*", "Resource": "*" }
        """;

    private const string LogsUnscoped = """
        { "Sid": "Logs", "Effect": "Allow", "Principal": { "Service": ["logs.us-east-1.amazonaws.com"] }, "Action": "kms:*", "Resource": "*" }
        """;

    [Test]
    public async Task The_compliant_stack_key_is_an_enabled_customer_managed_key()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new StackKeyIsEnabledCustomerManaged(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_key_pending_deletion_fails_with_its_deletion_date()
    {
        var compliant = await Snapshots.CompliantRds();
        var deletion = new DateTimeOffset(2024, 6, 7, 0, 0, 0, TimeSpan.Zero);
        var snapshot = compliant with { Key = Fetched<KeyMetadata>.Of(compliant.Key.Value! with { Enabled = false, KeyState = "PendingDeletion", DeletionDate = deletion }) };

        var finding = Snapshots.Evaluate(new StackKeyIsEnabledCustomerManaged(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("scheduled for deletion on 2024-06-07"));
            Assert.That(finding.Evidence["KeyState"], Is.EqualTo("PendingDeletion"));
        }
    }

    [Test]
    public async Task An_aws_managed_key_fails_naming_its_manager()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { Key = Fetched<KeyMetadata>.Of(compliant.Key.Value! with { KeyManager = "AWS" }) };

        var finding = Snapshots.Evaluate(new StackKeyIsEnabledCustomerManaged(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("managed by AWS"));
    }

    [TestCase(true, ExpectedResult = FindingStatus.Pass)]
    [TestCase(false, ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> Key_rotation_follows_GetKeyRotationStatus(bool enabled)
    {
        var snapshot = await Snapshots.CompliantRds() with { KeyRotationEnabled = Fetched<bool?>.Of(enabled) };

        return Snapshots.Evaluate(new StackKeyRotationEnabled(), snapshot).Single().Status;
    }

    [Test]
    public async Task A_denied_rotation_status_is_an_error_never_a_pass()
    {
        var denied = new CollectionError("kms:GetKeyRotationStatus", "AccessDeniedException", "not authorized", "us-east-1");
        var snapshot = await Snapshots.CompliantRds() with { KeyRotationEnabled = Fetched<bool?>.Failed(denied) };

        var finding = Snapshots.Evaluate(new StackKeyRotationEnabled(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
    }

    [Test]
    public async Task The_compliant_key_policy_passes_every_key_policy_control()
    {
        var snapshot = await Snapshots.CompliantRds();
        Control[] controls = [new KeyPolicyAllowsCloudWatchLogs(), new KeyPolicyServicePrincipalsAreScoped(), new KeyPolicyHasNoUnconditionedWildcardPrincipal(), new KeyPolicyLetsExecutionRoleDecrypt()];

        var statuses = controls.SelectMany(c => Snapshots.Evaluate(c, snapshot)).Select(f => f.Status);

        Assert.That(statuses, Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_policy_without_the_logs_principal_fails_naming_the_principal()
    {
        var snapshot = await WithPolicy(Policy(RootDelegation));

        var finding = Snapshots.Evaluate(new KeyPolicyAllowsCloudWatchLogs(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("logs.us-east-1.amazonaws.com").And.EndsWith("."));
        }
    }

    [Test]
    public async Task A_logs_condition_for_another_account_fails_naming_the_excluded_log_group()
    {
        var snapshot = await WithPolicy(Policy(LogsScoped.Replace(Account, "999999999999", StringComparison.Ordinal)));

        var finding = Snapshots.Evaluate(new KeyPolicyAllowsCloudWatchLogs(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("arn:aws:logs:us-east-1:123456789012:log-group:/ecs/healthcare-dev"));
        }
    }

    [Test]
    public async Task An_unconditioned_logs_grant_lets_logs_in_but_is_reported_as_unscoped()
    {
        var snapshot = await WithPolicy(Policy(LogsUnscoped));

        var allows = Snapshots.Evaluate(new KeyPolicyAllowsCloudWatchLogs(), snapshot).Single();
        var scoped = Snapshots.Evaluate(new KeyPolicyServicePrincipalsAreScoped(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(allows.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(scoped.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(scoped.Message, Does.Contain("logs.us-east-1.amazonaws.com").And.Contain("\"Logs\""));
        }
    }

    [Test]
    public async Task The_seeds_unconditioned_service_list_fails_the_scoping_control()
    {
        var snapshot = await WithPolicy(Policy("""
            { "Effect": "Allow", "Principal": { "Service": ["rds.amazonaws.com", "elasticache.amazonaws.com", "ecs.amazonaws.com", "secretsmanager.amazonaws.com"] }, "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*" }
            """));

        var finding = Snapshots.Evaluate(new KeyPolicyServicePrincipalsAreScoped(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("rds.amazonaws.com").And.Contain("statement 1"));
    }

    [Test]
    public async Task A_service_principal_scoped_by_source_account_passes()
    {
        var snapshot = await WithPolicy(Policy("""
            { "Effect": "Allow", "Principal": { "Service": "rds.amazonaws.com" }, "Action": "kms:Decrypt", "Resource": "*", "Condition": { "StringEquals": { "aws:SourceAccount": "123456789012" } } }
            """));

        var finding = Snapshots.Evaluate(new KeyPolicyServicePrincipalsAreScoped(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [TestCase("\"*\"")]
    [TestCase("{ \"AWS\": \"*\" }")]
    [TestCase("{ \"AWS\": [\"arn:aws:iam::123456789012:root\", \"*\"] }")]
    public async Task A_wildcard_principal_without_a_condition_fails(string principal)
    {
        var snapshot = await WithPolicy(Policy($$"""{ "Sid": "Open", "Effect": "Allow", "Principal": {{principal}}, "Action": "kms:Decrypt", "Resource": "*" }"""));

        var finding = Snapshots.Evaluate(new KeyPolicyHasNoUnconditionedWildcardPrincipal(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("\"Open\""));
        }
    }

    [TestCase("\"*\"", """{ "Bool": { "aws:SecureTransport": "true" } }""", TestName = "A_wildcard_principal_narrowed_only_by_secure_transport_fails")]
    [TestCase("{ \"AWS\": [\"*\"] }", """{ "StringNotEquals": { "kms:CallerAccount": "111122223333" } }""", TestName = "A_wildcard_principal_with_a_not_equals_caller_condition_fails")]
    [TestCase("{ \"AWS\": \"*\" }", """{ "StringEqualsIfExists": { "aws:SourceAccount": "123456789012" } }""", TestName = "A_wildcard_principal_with_an_if_exists_source_condition_fails")]
    [TestCase("\"*\"", """{ "StringLike": { "aws:PrincipalAccount": "*" } }""", TestName = "A_wildcard_principal_with_a_wildcard_account_condition_fails")]
    [TestCase("\"*\"", """{ "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/app" } }""", TestName = "A_wildcard_principal_with_a_principal_arn_in_any_account_fails")]
    public async Task A_wildcard_principal_whose_condition_does_not_narrow_the_caller_fails(string principal, string condition)
    {
        var snapshot = await WithPolicy(Policy($$"""{ "Sid": "Open", "Effect": "Allow", "Principal": {{principal}}, "Action": "kms:Decrypt", "Resource": "*", "Condition": {{condition}} }"""));

        var finding = Snapshots.Evaluate(new KeyPolicyHasNoUnconditionedWildcardPrincipal(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("\"Open\""));
        }
    }

    [TestCase("""{ "StringEquals": { "aws:PrincipalAccount": "123456789012" } }""", TestName = "A_wildcard_principal_limited_to_the_account_passes")]
    [TestCase("""{ "StringEquals": { "aws:PrincipalOrgID": "o-abc123def4" }, "Bool": { "aws:SecureTransport": "true" } }""", TestName = "A_wildcard_principal_limited_to_the_organisation_passes")]
    [TestCase("""{ "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/app-*" } }""", TestName = "A_wildcard_principal_limited_to_roles_of_the_account_passes")]
    [TestCase("""{ "StringEquals": { "aws:SourceVpce": "vpce-0a1b2c3d" } }""", TestName = "A_wildcard_principal_limited_to_a_vpc_endpoint_passes")]
    public async Task A_wildcard_principal_narrowed_to_known_callers_passes(string condition)
    {
        var snapshot = await WithPolicy(Policy($$"""{ "Sid": "Scoped", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {{condition}} }"""));

        var finding = Snapshots.Evaluate(new KeyPolicyHasNoUnconditionedWildcardPrincipal(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task An_allow_with_not_principal_is_judged_as_a_wildcard()
    {
        var snapshot = await WithPolicy(Policy(RootDelegation, """
            { "Sid": "AllButOne", "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::123456789012:role/intruder" }, "NotAction": "kms:ScheduleKeyDeletion", "Resource": "*" }
            """));

        var finding = Snapshots.Evaluate(new KeyPolicyHasNoUnconditionedWildcardPrincipal(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("\"AllButOne\""));
            Assert.That(finding.Evidence["unnarrowed"], Does.Contain("every action except kms:ScheduleKeyDeletion"));
        }
    }

    [TestCase("StringNotEquals", TestName = "A_service_principal_with_a_not_equals_source_account_is_unscoped")]
    [TestCase("StringEqualsIfExists", TestName = "A_service_principal_with_an_if_exists_source_account_is_unscoped")]
    public async Task A_service_principal_whose_condition_does_not_narrow_is_unscoped(string op)
    {
        var snapshot = await WithPolicy(Policy($$"""
            { "Sid": "Rds", "Effect": "Allow", "Principal": { "Service": "rds.amazonaws.com" }, "Action": "kms:Decrypt", "Resource": "*", "Condition": { "{{op}}": { "aws:SourceAccount": "123456789012" } } }
            """));

        var finding = Snapshots.Evaluate(new KeyPolicyServicePrincipalsAreScoped(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task The_default_root_statement_delegates_execution_role_decryption_to_iam()
    {
        var snapshot = await Snapshots.CompliantRds();

        var finding = Snapshots.Evaluate(new KeyPolicyLetsExecutionRoleDecrypt(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Evidence["decision"], Is.EqualTo("delegated to IAM; see EcsExecutionRoleCanReadDbSecret"));
        }
    }

    [Test]
    public async Task A_policy_naming_the_execution_role_with_decrypt_passes()
    {
        var snapshot = await WithPolicy(Policy($$"""{ "Sid": "Execution", "Effect": "Allow", "Principal": { "AWS": "{{ExecutionRole}}" }, "Action": ["kms:Decrypt"], "Resource": "*" }"""));

        var finding = Snapshots.Evaluate(new KeyPolicyLetsExecutionRoleDecrypt(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(finding.Message, Does.Contain("\"Execution\""));
        }
    }

    [Test]
    public async Task A_policy_that_neither_names_the_execution_role_nor_delegates_fails()
    {
        var snapshot = await WithPolicy(Policy(LogsScoped));

        var finding = Snapshots.Evaluate(new KeyPolicyLetsExecutionRoleDecrypt(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain(ExecutionRole));
        }
    }

    [Test]
    public async Task Task_definitions_that_inject_no_secrets_are_not_applicable()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with
        {
            TaskDefinitions = Snapshots.Replace(compliant.TaskDefinitions, _ => true, d => d with { ContainerDefinitions = [.. d.ContainerDefinitions.Select(c => c with { Secrets = [] })] }),
        };

        var finding = Snapshots.Evaluate(new KeyPolicyLetsExecutionRoleDecrypt(), snapshot).Single();

        Assert.That(finding.Status, Is.EqualTo(FindingStatus.NotApplicable));
    }

    [Test]
    public async Task A_policy_that_is_not_json_is_an_error_for_every_policy_control()
    {
        var snapshot = await WithPolicy("{ not json");
        Control[] controls = [new KeyPolicyAllowsCloudWatchLogs(), new KeyPolicyServicePrincipalsAreScoped(), new KeyPolicyHasNoUnconditionedWildcardPrincipal(), new KeyPolicyLetsExecutionRoleDecrypt()];

        var statuses = controls.SelectMany(c => Snapshots.Evaluate(c, snapshot)).Select(f => f.Status);

        Assert.That(statuses, Is.All.EqualTo(FindingStatus.Error));
    }

    [Test]
    public void Principal_action_and_condition_values_read_the_same_as_strings_or_arrays()
    {
        var policy = PolicyDocument.Parse("""
            { "Statement": { "Effect": "Allow", "Principal": { "Service": "logs.us-east-1.amazonaws.com", "AWS": ["arn:aws:iam::123456789012:root"] },
              "Action": "kms:GenerateDataKey*", "Condition": { "ArnLike": { "kms:EncryptionContext:aws:logs:arn": ["a", "b"] } } } }
            """);

        var statement = policy.Statements.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statement.ServicePrincipals, Is.EqualTo(new[] { "logs.us-east-1.amazonaws.com" }));
            Assert.That(statement.AwsPrincipals, Is.EqualTo(new[] { "arn:aws:iam::123456789012:root" }));
            Assert.That(statement.Covers("kms:GenerateDataKeyWithoutPlaintext"), Is.True);
            Assert.That(statement.Covers("kms:Decrypt"), Is.False);
            Assert.That(statement.On("KMS:EncryptionContext:aws:logs:arn").Single().Values, Is.EqualTo(new[] { "a", "b" }));
        }
    }
}
