using NUnit.Framework;
using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Controls.Containers;

namespace Verification.Probes.Tests.Controls;

public sealed class ContainersTests
{
    private const string ExecutionRole = "arn:aws:iam::123456789012:role/healthcare-ecs-execution-dev";

    [Test]
    public async Task A_service_in_awsvpc_mode_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new EcsServiceUsesAwsvpc(), snapshot);

        Assert.That(findings.Select(f => f.Status), Is.All.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_service_in_bridge_mode_fails_naming_the_mode()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = Snapshots.Replace(compliant.TaskDefinitions, _ => true, d => d with { NetworkMode = "bridge" }) };

        var findings = Snapshots.Evaluate(new EcsServiceUsesAwsvpc(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(findings.Single().Message, Does.Contain("bridge"));
        }
    }

    [Test]
    public async Task A_service_whose_task_definition_was_not_collected_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = Fetched<List<TaskDefinition>>.Of([]) };

        var findings = Snapshots.Evaluate(new EcsServiceUsesAwsvpc(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Error));
    }

    [TestCase("enabled", ExpectedResult = FindingStatus.Pass)]
    [TestCase("enhanced", ExpectedResult = FindingStatus.Pass)]
    [TestCase("disabled", ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> Container_insights_must_be_enabled_or_enhanced(string value)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { EcsClusters = Snapshots.Replace(compliant.EcsClusters, _ => true, c => c with { Settings = [new KeyValuePairEntry { Name = "containerInsights", Value = value }] }) };

        var findings = Snapshots.Evaluate(new EcsClusterContainerInsightsEnabled(), snapshot);

        return findings.Single().Status;
    }

    [Test]
    public async Task A_cluster_without_the_container_insights_setting_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { EcsClusters = Snapshots.Replace(compliant.EcsClusters, _ => true, c => c with { Settings = [] }) };

        var findings = Snapshots.Evaluate(new EcsClusterContainerInsightsEnabled(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Fail));
    }

    [Test]
    public async Task Containers_logging_to_the_stack_log_group_pass()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new EcsContainersLogToStackLogGroups(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_container_writing_to_a_missing_log_group_fails_and_the_collector_records_the_name()
    {
        var snapshot = await Snapshots.Of("ecs-log-group-missing");

        var findings = Snapshots.Evaluate(new EcsContainersLogToStackLogGroups(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(snapshot.MissingLogGroups, Is.EqualTo(new[] { "/ecs/healthcare-app-dev" }));
            Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(findings.Single().Message, Does.Contain("/ecs/healthcare-app-dev, which does not exist"));
        }
    }

    [Test]
    public async Task A_container_without_the_awslogs_driver_fails()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = WithApp(compliant, c => c with { LogConfiguration = null }) };

        var findings = Snapshots.Evaluate(new EcsContainersLogToStackLogGroups(), snapshot);

        Assert.That(findings.Single().Message, Does.Contain("container app uses no log driver"));
    }

    [TestCase("DB_PASSWORD", "Hc-Example-Value-1", ExpectedResult = FindingStatus.Fail)]
    [TestCase("PGPASS", "Hc-Example-Value-1", ExpectedResult = FindingStatus.Fail)]
    [TestCase("STRIPE_API_KEY", "k-123", ExpectedResult = FindingStatus.Fail)]
    [TestCase("DATABASE_URL", "postgres://app:Hc-Example-Value-1@db:5432/app", ExpectedResult = FindingStatus.Fail)]
    [TestCase("CONNECTION", "Host=db;Username=app;Password=Hc-Example-Value-1", ExpectedResult = FindingStatus.Fail)]
    [TestCase("UPLOAD_KEY", "AKIAIOSFODNN7EXAMPLE", ExpectedResult = FindingStatus.Fail)]
    [TestCase("REPORTING_DB", "postgres://reporting:Hc-Example/Value-1@db:5432/app", ExpectedResult = FindingStatus.Fail)]
    [TestCase("UPLOAD_SIGNING", "hcExample/Up1oad+K3y9Zq7Wx2Lm4Np6Rt8Vb0C", ExpectedResult = FindingStatus.Fail)]
    [TestCase("APP_SETTING", "Hc-Example-Rand0m-Value-8x2Q", ExpectedResult = FindingStatus.Fail)]
    [TestCase("BEARER", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2lnbmF0dXJl", ExpectedResult = FindingStatus.Fail)]
    [TestCase("DB_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", ExpectedResult = FindingStatus.Pass)]
    [TestCase("GIT_SHA", "3f786850e387550fdab836ed7e6dc881de23001b", ExpectedResult = FindingStatus.Pass)]
    [TestCase("REQUEST_ID", "0f8fad5b-d9cb-469f-a165-70867728950e", ExpectedResult = FindingStatus.Pass)]
    [TestCase("TOKEN_TTL", "3600", ExpectedResult = FindingStatus.Pass)]
    [TestCase("LOG_LEVEL", "Information", ExpectedResult = FindingStatus.Pass)]
    public async Task<FindingStatus> Plain_environment_variables_holding_credentials_fail(string name, string value)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = WithApp(compliant, c => c with { Environment = [.. c.Environment, new KeyValuePairEntry { Name = name, Value = value }] }) };

        var findings = Snapshots.Evaluate(new EcsTaskEnvironmentHasNoSecrets(), snapshot);

        return findings.Single().Status;
    }

    [Test]
    public async Task A_password_in_the_environment_is_named_but_never_reaches_the_snapshot_or_the_finding()
    {
        var snapshot = await Snapshots.Of("ecs-secret-in-environment");
        const string planted = "Hc-Sandbox-Pg-7f3K9qLx2Vb8wT";

        var finding = Snapshots.Evaluate(new EcsTaskEnvironmentHasNoSecrets(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("app/DB_PASSWORD"));
            Assert.That(finding.Message + string.Join(" ", finding.Evidence.Values), Does.Not.Contain(planted));
            Assert.That(SnapshotJson.Serialize(snapshot), Does.Not.Contain(planted));
        }
    }

    [Test]
    public void A_pem_key_block_under_any_name_is_flagged_and_never_stored()
    {
        // Built at run time: the repository holds no key header.
        var pem = "-----BEGIN " + "RSA PRIVATE" + " KEY-----\nMIIEowIBAAKCAQEA\n-----END " + "RSA PRIVATE" + " KEY-----";
        var definition = new TaskDefinition { ContainerDefinitions = [new ContainerDefinition { Name = "app", Environment = [new KeyValuePairEntry { Name = "CERT_BUNDLE", Value = pem }] }] };

        var stored = TaskDefinitionMask.WithoutCredentials(definition).ContainerDefinitions.Single().Environment.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Credential, Is.EqualTo("its value holds a PEM key block"));
            Assert.That(stored.Value, Is.Null);
        }
    }

    [Test]
    public void The_snapshot_keeps_a_connection_strings_scheme_host_port_and_tls_setting_but_not_its_password()
    {
        var definition = new TaskDefinition { ContainerDefinitions = [new ContainerDefinition { Name = "app", Environment = [new KeyValuePairEntry { Name = "DATABASE", Value = "postgres://app:Hc-Example/Value-1@db:5432/app?sslmode=disable" }] }] };

        var stored = TaskDefinitionMask.WithoutCredentials(definition).ContainerDefinitions.Single().Environment.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Value, Is.EqualTo("postgres://db:5432 sslmode=disable"));
            Assert.That(stored.Credential, Is.EqualTo("its value holds a password in a connection string"));
        }
    }

    [TestCase("rediss://master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com:6379", ExpectedResult = FindingStatus.Pass)]
    [TestCase("redis://master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com:6379", ExpectedResult = FindingStatus.Fail)]
    [TestCase("Host=db;SSL Mode=Disable", ExpectedResult = FindingStatus.Fail)]
    [TestCase("postgres://db:5432/app?sslmode=prefer", ExpectedResult = FindingStatus.Fail)]
    [TestCase("postgres://db:5432/app?sslmode=verify-full", ExpectedResult = FindingStatus.Pass)]
    [TestCase("ssl=false", ExpectedResult = FindingStatus.Fail)]
    [TestCase("http://healthcare-alb-dev-1234567890.us-east-1.elb.amazonaws.com/api", ExpectedResult = FindingStatus.Fail)]
    [TestCase("https://healthcare-alb-dev-1234567890.us-east-1.elb.amazonaws.com/api", ExpectedResult = FindingStatus.Pass)]
    [TestCase("http://app.healthcare-dev.local:8080", ExpectedResult = FindingStatus.Pass)]
    public async Task<FindingStatus> Connection_settings_that_allow_plaintext_fail(string value)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = WithApp(compliant, c => c with { Environment = [.. c.Environment, new KeyValuePairEntry { Name = "UPSTREAM", Value = value }] }) };

        var findings = Snapshots.Evaluate(new EcsTaskEnvironmentRequiresTls(), snapshot);

        return findings.Single().Status;
    }

    [Test]
    public async Task A_plaintext_redis_url_fails_naming_the_variable_and_the_scheme()
    {
        var snapshot = await Snapshots.Of("ecs-plaintext-redis-url");

        var finding = Snapshots.Evaluate(new EcsTaskEnvironmentRequiresTls(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("app/REDIS_URL (redis:// instead of rediss://)"));
    }

    [Test]
    public async Task Unprivileged_containers_pass()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new EcsContainersNotPrivileged(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_privileged_container_fails_naming_it()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = WithApp(compliant, c => c with { Privileged = true }) };

        var findings = Snapshots.Evaluate(new EcsContainersNotPrivileged(), snapshot);

        Assert.That(findings.Single().Message, Does.EndWith("runs privileged containers: app."));
    }

    [Test]
    public async Task A_service_at_its_desired_count_whose_tasks_stopped_only_for_scaling_is_healthy()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new EcsServiceHealthy(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Pass));
    }

    [Test]
    public async Task A_service_whose_task_failed_to_pull_its_secret_is_unhealthy_with_the_reason()
    {
        var snapshot = await Snapshots.Of("ecs-task-start-failure");

        var finding = Snapshots.Evaluate(new EcsServiceHealthy(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("runs 0 of 2 desired tasks").And.Contain("ResourceInitializationError: unable to pull secrets"));
        }
    }

    [Test]
    public async Task A_failed_rollout_is_unhealthy()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with
        {
            EcsServices = Snapshots.Replace(compliant.EcsServices, _ => true, s => s with { Deployments = [.. s.Deployments.Select(d => d with { RolloutState = "FAILED", RolloutStateReason = "circuit breaker" })] }),
        };

        var finding = Snapshots.Evaluate(new EcsServiceHealthy(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("failed (circuit breaker)"));
    }

    [Test]
    public async Task An_execution_role_allowed_both_actions_passes()
    {
        var snapshot = await Snapshots.CompliantRds();

        var findings = Snapshots.Evaluate(new EcsExecutionRoleCanReadDbSecret(), snapshot);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Pass));
            Assert.That(findings.Single().Resource, Is.EqualTo(ExecutionRole));
        }
    }

    [Test]
    public async Task An_execution_role_without_kms_decrypt_fails_naming_the_action_and_the_decision()
    {
        var snapshot = await Snapshots.Of("execution-role-cannot-read-secret");

        var finding = Snapshots.Evaluate(new EcsExecutionRoleCanReadDbSecret(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Fail));
            Assert.That(finding.Message, Does.Contain("kms:Decrypt on arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab (implicitDeny)"));
        }
    }

    [Test]
    public async Task An_explicit_deny_is_reported_as_such()
    {
        var compliant = await Snapshots.CompliantRds();
        var results = compliant.RoleSimulations[ExecutionRole].Value!.Results
            .Select(r => r.EvalActionName == "secretsmanager:GetSecretValue" ? r with { EvalDecision = "explicitDeny" } : r).ToList();
        var snapshot = compliant with { RoleSimulations = new() { [ExecutionRole] = Fetched<RoleSimulation>.Of(new RoleSimulation(ExecutionRole, results)) } };

        var finding = Snapshots.Evaluate(new EcsExecutionRoleCanReadDbSecret(), snapshot).Single();

        Assert.That(finding.Message, Does.Contain("secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:healthcare/db/credentials-dev-AbCdEf (explicitDeny)"));
    }

    [Test]
    public async Task A_denied_simulation_is_an_error_naming_the_missing_permission()
    {
        var compliant = await Snapshots.CompliantRds();
        var denied = new CollectionError("iam:SimulatePrincipalPolicy", "AccessDenied", "not authorized", "us-east-1");
        var snapshot = compliant with { RoleSimulations = new() { [ExecutionRole] = Fetched<RoleSimulation>.Failed(denied) } };

        var finding = Snapshots.Evaluate(new EcsExecutionRoleCanReadDbSecret(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.Error));
            Assert.That(finding.Message, Does.Contain("needs iam:SimulatePrincipalPolicy"));
        }
    }

    [Test]
    public async Task Task_definitions_without_an_execution_role_leave_nothing_to_evaluate_which_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = Snapshots.Replace(compliant.TaskDefinitions, _ => true, d => d with { ExecutionRoleArn = null }) };

        var findings = Snapshots.Evaluate(new EcsExecutionRoleCanReadDbSecret(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Error));
    }

    [TestCase(true, ExpectedResult = FindingStatus.Pass)]
    [TestCase(false, ExpectedResult = FindingStatus.Fail)]
    [TestCase(null, ExpectedResult = FindingStatus.Fail)]
    public async Task<FindingStatus> A_container_root_filesystem_must_be_set_read_only_and_unset_means_writable(bool? readOnly)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = WithApp(compliant, c => c with { ReadonlyRootFilesystem = readOnly }) };

        var findings = Snapshots.Evaluate(new EcsContainersReadOnlyRootFilesystem(), snapshot);

        return findings.Single().Status;
    }

    [Test]
    public async Task A_container_without_the_read_only_setting_is_named_as_writable_by_default()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = WithApp(compliant, c => c with { ReadonlyRootFilesystem = null }) };

        var findings = Snapshots.Evaluate(new EcsContainersReadOnlyRootFilesystem(), snapshot);

        Assert.That(findings.Single().Message, Does.EndWith("writable root filesystem: app (not set, so writable)."));
    }

    [TestCase("FARGATE", "LATEST", ExpectedResult = FindingStatus.Pass)]
    [TestCase("FARGATE", "1.4.0", ExpectedResult = FindingStatus.Pass)]
    [TestCase("FARGATE", "1.3.0", ExpectedResult = FindingStatus.Fail)]
    [TestCase("FARGATE", null, ExpectedResult = FindingStatus.Error)]
    [TestCase("EC2", null, ExpectedResult = FindingStatus.NotApplicable)]
    public async Task<FindingStatus> A_fargate_service_runs_latest_or_at_least_1_4_0(string launchType, string? platformVersion)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { EcsServices = Snapshots.Replace(compliant.EcsServices, _ => true, s => s with { LaunchType = launchType, PlatformVersion = platformVersion }) };

        var findings = Snapshots.Evaluate(new EcsFargatePlatformVersionCurrent(), snapshot);

        return findings.Single().Status;
    }

    [Test]
    public async Task A_service_on_a_fargate_capacity_provider_is_judged_as_fargate()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with
        {
            EcsServices = Snapshots.Replace(compliant.EcsServices, _ => true, s => s with
            {
                LaunchType = null,
                CapacityProviderStrategy = [new CapacityProviderStrategyItem { CapacityProvider = "FARGATE_SPOT", Weight = 1 }],
                PlatformVersion = "1.3.0",
            }),
        };

        var findings = Snapshots.Evaluate(new EcsFargatePlatformVersionCurrent(), snapshot);

        Assert.That(findings.Single().Message, Does.EndWith("runs platform version 1.3.0, older than 1.4.0."));
    }

    [TestCase("123456789012.dkr.ecr.us-east-1.amazonaws.com/healthcare-app:1.0.0", ExpectedResult = "123456789012 us-east-1 healthcare-app")]
    [TestCase("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ExpectedResult = "123456789012 us-east-1 team/api")]
    [TestCase("public.ecr.aws/nginx/nginx:1.27", ExpectedResult = null)]
    [TestCase("postgres:16", ExpectedResult = null)]
    public string? An_image_names_its_ecr_account_region_and_repository(string image) =>
        EcrImage.Parse(image) is { } parsed ? $"{parsed.Account} {parsed.Region} {parsed.Repository}" : null;

    [TestCase(true, ExpectedResult = FindingStatus.Pass)]
    [TestCase(false, ExpectedResult = FindingStatus.Fail)]
    [TestCase(null, ExpectedResult = FindingStatus.Error)]
    public async Task<FindingStatus> An_ecr_repository_the_stack_pulls_from_scans_on_push(bool? scanOnPush)
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { EcrRepositories = Snapshots.Replace(compliant.EcrRepositories, _ => true, r => r with { ImageScanningConfiguration = scanOnPush is null ? null : new ImageScanningConfiguration { ScanOnPush = scanOnPush } }) };

        var findings = Snapshots.Evaluate(new EcrRepositoriesScanOnPush(), snapshot);

        return findings.Single().Status;
    }

    [Test]
    public async Task Images_from_no_ecr_of_the_account_make_the_scan_check_not_applicable_naming_them()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { TaskDefinitions = WithApp(compliant, c => c with { Image = "public.ecr.aws/nginx/nginx:1.27" }) };

        var finding = Snapshots.Evaluate(new EcrRepositoriesScanOnPush(), snapshot).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.Status, Is.EqualTo(FindingStatus.NotApplicable));
            Assert.That(finding.Message, Does.Contain("public.ecr.aws/nginx/nginx:1.27"));
        }
    }

    [Test]
    public async Task An_account_image_whose_repository_was_not_returned_is_an_error()
    {
        var compliant = await Snapshots.CompliantRds();
        var snapshot = compliant with { EcrRepositories = Fetched<List<Repository>>.Of([]) };

        var findings = Snapshots.Evaluate(new EcrRepositoriesScanOnPush(), snapshot);

        Assert.That(findings.Single().Status, Is.EqualTo(FindingStatus.Error));
    }

    private static Fetched<List<TaskDefinition>> WithApp(StackSnapshot snapshot, Func<ContainerDefinition, ContainerDefinition> change) =>
        Snapshots.Replace(snapshot.TaskDefinitions, _ => true, d => d with { ContainerDefinitions = [.. d.ContainerDefinitions.Select(c => c.Name == "app" ? change(c) : c)] });
}
