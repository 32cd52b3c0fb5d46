using System.Xml.Linq;
using Verification.Probes.Connectivity;
using Verification.Probes.Runs;

namespace Verification.Connectivity;

/// <summary>Offline: how the connectivity settings are read and refused.</summary>
[TestFixture]
public sealed class Settings
{
    static readonly string CaBundle = typeof(Settings).Assembly.Location;

    static Dictionary<string, string?> InScope() => new(StringComparer.Ordinal)
    {
        ["ConnectivityInScope"] = "true",
        ["Outputs"] = "outputs-samples/terraform.json",
    };

    static ConnectivitySettings Read(Dictionary<string, string?> parameters, Dictionary<string, string?>? environment = null) =>
        ConnectivitySettings.Read(n => parameters.GetValueOrDefault(n), n => environment?.GetValueOrDefault(n), Suite.RepoRoot);

    [Test]
    public void Out_of_scope_reads_nothing_else_so_bad_values_do_not_matter()
    {
        var parameters = new Dictionary<string, string?> { ["ConnectivityInScope"] = "false", ["ConnectTimeoutSeconds"] = "soon" };

        var settings = Read(parameters);

        Assert.That(settings.InScope, Is.False);
    }

    [TestCase("0")]
    [TestCase("ten")]
    [TestCase("301")]
    public void A_bad_timeout_is_rejected_with_the_setting_and_value_named(string value)
    {
        var parameters = InScope();
        parameters["ConnectTimeoutSeconds"] = value;

        var error = Assert.Throws<SettingsException>(() => Read(parameters));

        Assert.That(error.Message, Does.StartWith("Setting ConnectTimeoutSeconds: expected a whole number from 1 to 300").And.Contain($"'{value}'"));
    }

    [Test]
    public void A_missing_CA_bundle_is_rejected_with_its_path()
    {
        var parameters = InScope();
        parameters["CaBundle"] = "no/such/ca.crt";

        var error = Assert.Throws<SettingsException>(() => Read(parameters));

        Assert.That(error.Message, Does.StartWith("Setting CaBundle:").And.Contain(Path.Combine("no", "such", "ca.crt")).And.Contain("does not exist"));
    }

    [Test]
    public void No_outputs_file_is_refused_with_what_the_data_path_needs_from_it()
    {
        var parameters = InScope();
        parameters["Outputs"] = " ; ";

        var error = Assert.Throws<SettingsException>(() => Read(parameters));

        Assert.That(error.Message, Does.StartWith("Setting Outputs:").And.Contain("db_endpoint"));
    }

    [Test]
    public void A_redis_secret_that_is_not_an_ARN_is_refused()
    {
        var parameters = InScope();
        parameters["RedisAuthSecretArn"] = "healthcare/redis/auth-dev";

        var error = Assert.Throws<SettingsException>(() => Read(parameters));

        Assert.That(error.Message, Does.StartWith("Setting RedisAuthSecretArn:"));
    }

    [Test]
    public void Connect_addresses_carry_a_port_and_the_environment_overrides_the_runsettings()
    {
        var parameters = InScope();
        parameters["DbConnectAddress"] = "127.0.0.1:15432";
        parameters["RedisConnectAddress"] = "10.0.20.7";
        parameters["CaBundle"] = CaBundle;
        var environment = new Dictionary<string, string?> { ["VERIFY_DB_CONNECT_ADDRESS"] = "[::1]:25432" };

        var settings = Read(parameters, environment);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.DbConnectAddress, Is.EqualTo(new ConnectAddress("::1", 25432)));
            Assert.That(settings.RedisConnectAddress, Is.EqualTo(new ConnectAddress("10.0.20.7")));
            Assert.That(settings.Probe.CaBundlePath, Is.EqualTo(CaBundle));
            Assert.That(settings.Probe.Timeout, Is.EqualTo(ProbeSettings.DefaultTimeout));
        }
    }

    [TestCase("127.0.0.1:0")]
    [TestCase("127.0.0.1:70000")]
    [TestCase("127.0.0.1:port")]
    [TestCase(":15432")]
    public void A_connect_address_with_a_bad_port_or_no_host_is_refused(string value)
    {
        var error = Assert.Throws<SettingsException>(() => ConnectAddress.Parse(value, "DbConnectAddress"));

        Assert.That(error.Message, Does.StartWith("Setting DbConnectAddress:").And.Contain(value));
    }

    [Test]
    public void Every_name_the_settings_reader_asks_for_is_known()
    {
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var parameters = InScope();

        ConnectivitySettings.Read(n => { asked.Add(n); return parameters.GetValueOrDefault(n); }, _ => null, Suite.RepoRoot);

        Assert.That(asked, Is.SubsetOf(ConnectivitySettings.Known));
    }

    [Test]
    public void Every_parameter_in_the_sandbox_runsettings_is_read_by_a_suite()
    {
        var file = XDocument.Load(Path.Combine(Suite.RepoRoot, "runsettings", "sandbox.runsettings"));

        var names = file.Descendants("Parameter").Select(p => (string)p.Attribute("name")!).ToList();

        Assert.That(names.Where(n => !RunSettings.Known.Contains(n) && !ConnectivitySettings.Known.Contains(n)), Is.Empty);
    }

    [TestCase("SkipIdentityVerification", "true")]
    [TestCase("LoopbackIsPrivate", "true")]
    [TestCase("SandboxHostsFile", "sandbox/hosts")]
    public void A_setting_that_weakens_a_check_is_refused_outside_sandbox_mode(string name, string value)
    {
        var parameters = InScope();
        parameters["Mode"] = "audit";
        parameters.Remove("SandboxScenario");
        parameters[name] = value;

        var error = Assert.Throws<SettingsException>(() => Read(parameters));

        Assert.That(error.Message, Does.StartWith($"Setting {name}:").And.Contain("sandbox mode only"));
    }
}
