using System.Text.Json.Nodes;
using Amazon.Runtime;
using Verification.Probes.Aws;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Connectivity;
using Verification.Probes.Runs;
using Verification.Sandbox;

namespace Verification.Connectivity;

/// <summary>Offline, against the simulated AWS endpoint: how the data-path credentials are read from Secrets Manager.</summary>
[TestFixture]
public sealed class Credentials
{
    const string DbSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:healthcare/db/credentials-dev-AbCdEf";
    const string RedisSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:healthcare/redis/auth-dev-XyZ123";

    static readonly Scenario Compliant = Scenario.Load("compliant-rds");
    static readonly BasicAWSCredentials SandboxAws = new(SandboxCredentials.AccessKeyId, SandboxCredentials.SecretAccessKey);

    static async Task<DataPathCredentials> ReadAsync(Scenario scenario, string? redisSecret = RedisSecret)
    {
        await using var sandbox = await SandboxServer.StartAsync(scenario);
        using var session = new AwsSession("us-east-1", SandboxAws, new AwsEndpoints(sandbox.Endpoint), Probes.Aws.RetryPolicy.Default, TimeProvider.System);
        var secrets = new SecretsManagerCredentials(new SecretsManagerClient(new AwsTransport(session)), DbSecret, redisSecret);
        return await secrets.GetAsync(CancellationToken.None);
    }

    static string Planted(Scenario scenario, string name) => scenario.PlantedSecrets.Single(s => s.Name == name).Value;

    [Test]
    public async Task The_db_secret_gives_the_login_and_the_redis_secret_a_plain_token()
    {
        var credentials = await ReadAsync(Compliant);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(credentials.DbUser, Is.EqualTo("healthcare_admin"));
            Assert.That(credentials.DbName, Is.EqualTo("healthcare"));
            Assert.That(credentials.DbPassword, Is.EqualTo(Planted(Compliant, "db-password")));
            Assert.That(credentials.RedisAuthToken, Is.EqualTo(Planted(Compliant, "redis-auth-token")));
            Assert.That(credentials.SecretHost, Is.EqualTo("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com"));
            Assert.That(credentials.SecretPort, Is.EqualTo(5432));
            Assert.That(credentials.ToString(), Does.Not.Contain(credentials.DbPassword).And.Not.Contain(credentials.RedisAuthToken!));
        }
    }

    [TestCase("token")]
    [TestCase("auth_token")]
    [TestCase("password")]
    public async Task A_JSON_redis_secret_gives_the_token_under_its_key(string key)
    {
        var scenario = Compliant.WithSecret(RedisSecret, new JsonObject { [key] = "json-token-value" }.ToJsonString());

        var credentials = await ReadAsync(scenario);

        Assert.That(credentials.RedisAuthToken, Is.EqualTo("json-token-value"));
    }

    [Test]
    public async Task Without_a_redis_secret_no_token_is_read()
    {
        var credentials = await ReadAsync(Compliant, redisSecret: null);

        Assert.That(credentials.RedisAuthToken, Is.Null);
    }

    [Test]
    public async Task A_db_secret_without_dbname_means_the_postgres_database()
    {
        var scenario = Compliant.WithSecret(DbSecret, """{"username":"admin","password":"pw-value"}""");

        var credentials = await ReadAsync(scenario);

        Assert.That(credentials.DbName, Is.EqualTo(SecretsManagerCredentials.DefaultDbName));
    }

    [Test]
    public async Task A_db_secret_without_a_password_is_refused_with_the_key_named_and_no_value()
    {
        var scenario = Compliant.WithSecret(DbSecret, """{"username":"admin","pass":"a-value-never-shown"}""");

        var error = await Assert.ThrowsAsync<CredentialsException>(() => ReadAsync(scenario));

        Assert.That(error!.Message, Does.Contain(DbSecret).And.Contain("'password'").And.Not.Contain("a-value-never-shown"));
    }

    [Test]
    public async Task A_redis_secret_in_JSON_without_a_token_key_is_refused_without_its_value()
    {
        var scenario = Compliant.WithSecret(RedisSecret, """{"secret":"a-value-never-shown"}""");

        var error = await Assert.ThrowsAsync<CredentialsException>(() => ReadAsync(scenario));

        Assert.That(error!.Message, Does.Contain(RedisSecret).And.Contain("token, auth_token, password").And.Not.Contain("a-value-never-shown"));
    }

    [Test]
    public void Planting_a_secret_replaces_the_planted_value_of_the_same_name()
    {
        var scenario = Compliant.WithSecret(RedisSecret, "real-token", new PlantedSecret("redis-auth-token", "real-token"));

        var planted = scenario.PlantedSecrets.ToDictionary(s => s.Name, s => s.Value);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(planted["redis-auth-token"], Is.EqualTo("real-token"));
            Assert.That(planted["db-password"], Is.EqualTo(Planted(Compliant, "db-password")));
            Assert.That(Compliant.PlantedSecrets.Single(s => s.Name == "redis-auth-token").Value, Is.Not.EqualTo("real-token"));
        }
    }

    [Test]
    public async Task Endpoints_come_from_the_outputs_and_the_overrides_only_move_the_socket()
    {
        await using var sandbox = await SandboxServer.StartAsync(Compliant);
        var settings = new ConnectivitySettings
        {
            InScope = true,
            OutputsPath = Path.Combine(Suite.RepoRoot, "outputs-samples", "terraform.json"),
            DbConnectAddress = new ConnectAddress("127.0.0.1", 15432),
            AlbHttpConnectAddress = new ConnectAddress("127.0.0.1", 18080),
        };

        var context = await ConnectivityRun.PrepareAsync(settings, sandbox.Endpoint, SandboxAws, TimeProvider.System, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(context.Targets.Db.ToString(), Is.EqualTo("healthcare-db-dev.c9akciq32lxx.us-east-1.rds.amazonaws.com:5432 (connecting to 127.0.0.1:15432)"));
            Assert.That(context.Targets.Redis.ToString(), Is.EqualTo("master.healthcare-redis-dev.abc123.use1.cache.amazonaws.com:6379"));
            Assert.That(context.Targets.AlbHttps.ToString(), Is.EqualTo("healthcare-alb-dev-1234567890.us-east-1.elb.amazonaws.com:443"));
            Assert.That(context.Targets.AlbHttp.ConnectsTo, Is.EqualTo("127.0.0.1:18080"));
            Assert.That(context.Credentials.DbUser, Is.EqualTo("healthcare_admin"));
        }
    }

    [Test]
    public async Task A_secret_the_runner_cannot_read_stops_the_run_with_the_ARNs_and_permissions_named()
    {
        await using var sandbox = await SandboxServer.StartAsync(Compliant);
        var missing = RedisSecret.Replace("auth-dev", "auth-gone", StringComparison.Ordinal);
        var settings = new ConnectivitySettings
        {
            InScope = true,
            OutputsPath = Path.Combine(Suite.RepoRoot, "outputs-samples", "terraform.json"),
            RedisAuthSecretArn = missing,
        };

        var error = await Assert.ThrowsAsync<RunSetupException>(() =>
            ConnectivityRun.PrepareAsync(settings, sandbox.Endpoint, SandboxAws, TimeProvider.System, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("ResourceNotFoundException").And.Contain(missing).And.Contain("secretsmanager:GetSecretValue"));
    }
}
