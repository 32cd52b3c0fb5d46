using Verification.Probes.Connectivity;

namespace Verification.Connectivity;

/// <summary>The stack's data path: verified TLS sessions to PostgreSQL, Redis and the ALB, and plaintext refused.</summary>
[TestFixture]
[Category("Connectivity")]
public sealed class DataPath
{
    static readonly string[] ModernTls = ["TLSv1.2", "TLSv1.3"];

    readonly TimeProvider _time = Suite.Time;
    ConnectivitySettings _settings = null!;
    DataPathTargets _targets = null!;
    DataPathCredentials _credentials = null!;

    [SetUp]
    public void InScopeWithCredentials()
    {
        var context = Suite.RequireReady();
        _settings = Suite.Settings;
        _targets = context.Targets;
        _credentials = context.Credentials;
    }

    [Test]
    public async Task Postgres_accepts_a_verified_TLS_session_and_reports_its_cipher()
    {
        var probe = new PostgresProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.Db, _credentials, CancellationToken.None);
        Suite.Record(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("tls_version"), Is.AnyOf(ModernTls));
            Assert.That(result.Evidence.GetValueOrDefault("tls_cipher"), Is.Not.Empty);
            Assert.That(result.Evidence.GetValueOrDefault("server_version"), Is.Not.Empty);
            Assert.That(result.Evidence.GetValueOrDefault("identity_verified"), Is.EqualTo("yes"));
            Assert.That(result.ToString(), Does.Not.Contain(_credentials.DbPassword));
        }
    }

    [Test]
    public void Db_secret_names_the_db_endpoint_host_and_port()
    {
        var context = Suite.RequireReady();

        var result = DbSecretEndpointCheck.Check(_credentials, context.Outputs.DbEndpoint, context.Outputs.DbSecretArn, _time);
        Suite.Record(result);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
    }

    [Test]
    public async Task Postgres_refuses_plaintext_sessions()
    {
        var probe = new PostgresPlaintextProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.Db, _credentials.DbName, CancellationToken.None);
        Suite.Record(result);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
    }

    [Test]
    public async Task Redis_accepts_an_authenticated_TLS_session()
    {
        var probe = new RedisProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.Redis, _credentials.RedisAuthToken, _settings.RedisWriteCanary, CancellationToken.None);
        Suite.Record(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("tls_version"), Is.AnyOf(ModernTls));
            Assert.That(result.Evidence.GetValueOrDefault("server_version"), Is.Not.Empty);
            Assert.That(result.Evidence.GetValueOrDefault("identity_verified"), Is.EqualTo("yes"));
            Assert.That(result.ToString(), Does.Not.Contain(_credentials.RedisAuthToken!));
        }
    }

    [Test]
    public async Task Redis_refuses_plaintext_connections()
    {
        var probe = new RedisPlaintextProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.Redis, CancellationToken.None);
        Suite.Record(result);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
    }

    [Test]
    public async Task Alb_serves_TLS_1_2_or_newer_with_a_valid_certificate()
    {
        var probe = new TlsEndpointProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.AlbHttps, _settings.AppHostname, CancellationToken.None);
        Suite.Record(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("tls_version"), Is.AnyOf(ModernTls));
            Assert.That(result.Evidence.GetValueOrDefault("certificate_chain_valid"), Is.EqualTo("yes"));
        }
    }

    [Test]
    public async Task Alb_redirects_http_to_https()
    {
        var probe = new HttpsRedirectProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.AlbHttp, CancellationToken.None);
        Suite.Record(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("location"), Does.StartWith("https://"));
        }
    }

    [Test]
    public async Task Db_endpoint_resolves_only_to_private_addresses()
    {
        var probe = new PrivateAddressProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.Db, CancellationToken.None);
        Suite.Record(result);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
    }

    [Test]
    public async Task Redis_endpoint_resolves_only_to_private_addresses()
    {
        var probe = new PrivateAddressProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(_targets.Redis, CancellationToken.None);
        Suite.Record(result);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
    }
}
