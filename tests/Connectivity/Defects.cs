using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Verification.Probes.Connectivity;

namespace Verification.Connectivity;

/// <summary>Self-tests: each defective sandbox server trips exactly the probe meant to catch it.</summary>
/// <remarks>The defective servers sit beside the good ones: same endpoint names and ports, other connect ports.</remarks>
[TestFixture]
[DependsOnFixture(typeof(DataPath), AllowFailure = true)]
[Category("Connectivity")]
[Category("SelfTest")]
public sealed class Defects
{
    readonly TimeProvider _time = Suite.Time;
    ConnectivitySettings _settings = null!;
    DataPathTargets _targets = null!;
    SandboxPorts _ports = null!;
    DataPathCredentials _credentials = null!;

    [SetUp]
    public void InScopeWithSandbox()
    {
        var context = Suite.RequireReady();
        _settings = Suite.Settings;
        if (_settings.Mode != "sandbox")
            Assert.Ignore("not in scope for this run: the defective servers exist only in sandbox mode.");
        _targets = context.Targets;
        _credentials = context.Credentials;
        _ports = SandboxPorts.Load(_settings.SandboxServersPortsFile
            ?? throw new InvalidOperationException("Setting SandboxServersPortsFile: the Defects self-tests need the ports.env written by sandbox/servers/up.sh."));
    }

    DataPathEndpoint Db(string port) => _targets.Db.ConnectingToPort(_ports[port]);

    DataPathEndpoint Redis(string port) => _targets.Redis.ConnectingToPort(_ports[port]);

    DataPathEndpoint Alb(string port) => _targets.AlbHttps.ConnectingToPort(_ports[port]);

    DataPathEndpoint AlbHttp(string port) => _targets.AlbHttp.ConnectingToPort(_ports[port]);

    static string RandomSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    [Test]
    public async Task Postgres_accepting_plaintext_fails_the_plaintext_probe()
    {
        var probe = new PostgresPlaintextProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Db("PG_PLAINTEXT_PORT"), _credentials.DbName, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.PlaintextAccepted), result.ToString());
            Assert.That(result.Message, Does.Contain("up to the password check"));
        }
    }

    [Test]
    public async Task Postgres_accepting_plaintext_still_passes_the_TLS_probe()
    {
        var probe = new PostgresProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Db("PG_PLAINTEXT_PORT"), _credentials, CancellationToken.None);
        Suite.RecordSelfTest(result);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
    }

    [Test]
    public async Task Redis_with_a_plaintext_port_fails_the_plaintext_probe()
    {
        var probe = new RedisPlaintextProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Redis("REDIS_PLAINTEXT_PORT"), CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.PlaintextAccepted), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("answer"), Does.StartWith("-NOAUTH"));
        }
    }

    [Test]
    public async Task Redis_TLS_port_beside_a_plaintext_port_passes_the_plaintext_probe()
    {
        var probe = new RedisPlaintextProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Redis("REDIS_DEFECT_TLS_PORT"), CancellationToken.None);
        Suite.RecordSelfTest(result);

        Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
    }

    [Test]
    public async Task Postgres_with_a_certificate_for_another_host_fails_with_a_name_mismatch()
    {
        var probe = new PostgresProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Db("PG_WRONGHOST_PORT"), _credentials, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.CertificateName), result.ToString());
            Assert.That(result.Message, Does.Contain("name mismatch").And.Contain(_targets.Db.Name));
        }
    }

    [Test]
    public async Task Redis_with_a_certificate_for_another_host_fails_with_a_name_mismatch()
    {
        var probe = new RedisProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Redis("REDIS_WRONGHOST_PORT"), _credentials.RedisAuthToken, writeCanary: false, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.CertificateName), result.ToString());
            Assert.That(result.Message, Does.Contain("name mismatch").And.Contain(_targets.Redis.Name));
        }
    }

    [Test]
    public async Task Certificate_name_is_checked_against_the_endpoint_not_the_connect_address()
    {
        var probe = new PostgresProbe(_settings.Probe, _time);
        var elsewhere = Db("PG_PORT") with { Name = "healthcare-db-prod.c9akciq32lxx.us-east-1.rds.amazonaws.com" };

        var result = await probe.ProbeAsync(elsewhere, _credentials, CancellationToken.None);
        Suite.RecordSelfTest(result);

        Assert.That(result.Failure, Is.EqualTo(ProbeFailure.CertificateName), result.ToString());
    }

    [Test]
    public async Task Postgres_with_a_certificate_from_another_CA_fails_the_chain_check()
    {
        var probe = new PostgresProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Db("PG_OTHERCA_PORT"), _credentials, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.CertificateChain), result.ToString());
            Assert.That(result.Message, Does.Contain("does not chain to a trusted CA").And.Contain("Unrelated CA"));
        }
    }

    [Test]
    public async Task Redis_with_a_certificate_from_another_CA_fails_the_chain_check()
    {
        var probe = new RedisProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Redis("REDIS_OTHERCA_PORT"), _credentials.RedisAuthToken, writeCanary: false, CancellationToken.None);
        Suite.RecordSelfTest(result);

        Assert.That(result.Failure, Is.EqualTo(ProbeFailure.CertificateChain), result.ToString());
    }

    [Test]
    public async Task Skipping_identity_verification_is_explicit_and_said_in_the_evidence()
    {
        var probe = new PostgresProbe(_settings.Probe with { SkipIdentityVerification = true }, _time);

        var result = await probe.ProbeAsync(Db("PG_WRONGHOST_PORT"), _credentials, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("identity_verified"), Does.StartWith("no"));
            Assert.That(result.Message, Does.Contain("NOT verified"));
        }
    }

    [Test]
    public async Task Postgres_with_a_wrong_password_fails_authentication_without_printing_it()
    {
        var wrong = _credentials with { DbPassword = RandomSecret() };
        var probe = new PostgresProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Db("PG_PORT"), wrong, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.Authentication), result.ToString());
            Assert.That(result.Message, Does.Contain("password authentication failed"));
            Assert.That(result.ToString(), Does.Not.Contain(wrong.DbPassword).And.Not.Contain(_credentials.DbPassword));
        }
    }

    [Test]
    public async Task Redis_with_a_wrong_token_fails_authentication_without_printing_it()
    {
        var wrong = RandomSecret();
        var probe = new RedisProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Redis("REDIS_PORT"), wrong, writeCanary: false, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.Authentication), result.ToString());
            Assert.That(result.ToString(), Does.Not.Contain(wrong).And.Not.Contain(_credentials.RedisAuthToken!));
        }
    }

    static IEnumerable<TestCaseData> DeadPortProbes()
    {
        yield return new TestCaseData((Func<Defects, DataPathEndpoint, Task<ProbeResult>>)((t, e) =>
            new PostgresProbe(t._settings.Probe, t._time).ProbeAsync(e, t._credentials, CancellationToken.None))).SetArgDisplayNames("PostgresProbe");
        yield return new TestCaseData((Func<Defects, DataPathEndpoint, Task<ProbeResult>>)((t, e) =>
            new PostgresPlaintextProbe(t._settings.Probe, t._time).ProbeAsync(e, "postgres", CancellationToken.None))).SetArgDisplayNames("PostgresPlaintextProbe");
        yield return new TestCaseData((Func<Defects, DataPathEndpoint, Task<ProbeResult>>)((t, e) =>
            new RedisProbe(t._settings.Probe, t._time).ProbeAsync(e, t._credentials.RedisAuthToken, false, CancellationToken.None))).SetArgDisplayNames("RedisProbe");
        yield return new TestCaseData((Func<Defects, DataPathEndpoint, Task<ProbeResult>>)((t, e) =>
            new RedisPlaintextProbe(t._settings.Probe, t._time).ProbeAsync(e, CancellationToken.None))).SetArgDisplayNames("RedisPlaintextProbe");
        yield return new TestCaseData((Func<Defects, DataPathEndpoint, Task<ProbeResult>>)((t, e) =>
            new TlsEndpointProbe(t._settings.Probe, t._time).ProbeAsync(e, null, CancellationToken.None))).SetArgDisplayNames("TlsEndpointProbe");
        yield return new TestCaseData((Func<Defects, DataPathEndpoint, Task<ProbeResult>>)((t, e) =>
            new HttpsRedirectProbe(t._settings.Probe, t._time).ProbeAsync(e, CancellationToken.None))).SetArgDisplayNames("HttpsRedirectProbe");
    }

    [TestCaseSource(nameof(DeadPortProbes))]
    public async Task Dead_port_is_reported_unreachable_within_the_timeout(Func<Defects, DataPathEndpoint, Task<ProbeResult>> probe)
    {
        var dead = Db("DEAD_PORT");

        var result = await probe(this, dead);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.Unreachable), result.ToString());
            Assert.That(result.Message, Does.Contain(dead.Name).And.Contain(_ports["DEAD_PORT"].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(result.Message, Does.Contain("Tried:").And.Contain("not inside the VPC").And.Contain("security group"));
            Assert.That(result.Elapsed, Is.LessThan(_settings.Probe.Timeout));
        }
    }

    [Test]
    public async Task Silent_server_fails_within_the_timeout()
    {
        // Accepts TCP and never answers: the probe must give up at its own bound, not at the driver's.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var settings = _settings.Probe with { Timeout = TimeSpan.FromSeconds(2) };
        var endpoint = _targets.Db with { ConnectAddress = new ConnectAddress("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port) };
        var probe = new PostgresProbe(settings, _time);

        var result = await probe.ProbeAsync(endpoint, _credentials, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.Unreachable), result.ToString());
            Assert.That(result.Message, Does.Contain("no answer within 2 s"));
            Assert.That(result.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3.5)));
        }
    }

    [Test]
    public async Task Alb_certificate_near_expiry_fails()
    {
        var probe = new TlsEndpointProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Alb("ALB_EXPIRING_HTTPS_PORT"), _settings.AppHostname, CancellationToken.None);
        Suite.RecordSelfTest(result);

        Assert.That(result.Failure, Is.EqualTo(ProbeFailure.CertificateNearExpiry), result.ToString());
    }

    [Test]
    public async Task Alb_serving_plain_http_fails_the_redirect_probe()
    {
        var probe = new HttpsRedirectProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(AlbHttp("ALB_NOREDIRECT_HTTP_PORT"), CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure, Is.EqualTo(ProbeFailure.NoHttpsRedirect), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("status"), Is.EqualTo("200"));
        }
    }

    [Test]
    public async Task Alb_without_an_app_hostname_says_the_name_was_not_checked()
    {
        var probe = new TlsEndpointProbe(_settings.Probe, _time);

        var result = await probe.ProbeAsync(Alb("ALB_HTTPS_PORT"), appHostname: null, CancellationToken.None);
        Suite.RecordSelfTest(result);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Outcome, Is.EqualTo(ProbeOutcome.Pass), result.ToString());
            Assert.That(result.Evidence.GetValueOrDefault("certificate_name_checked"), Is.EqualTo("no"));
            Assert.That(result.Message, Does.Contain("name was not checked"));
        }
    }
}
