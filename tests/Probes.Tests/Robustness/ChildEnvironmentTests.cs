using NUnit.Framework;
using Verification.Verify;

namespace Verification.Probes.Tests.Robustness;

public sealed class ChildEnvironmentTests
{
    // Key-material-shaped values built at run time: the repository holds no key header.
    private static readonly string PemHeader = "-----BEGIN " + "EC PRIVATE" + " KEY-----";

    private static readonly Dictionary<string, string?> Parent = new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/local/bin:/usr/bin",
        ["HOME"] = "/home/auditor",
        ["LANG"] = "C.UTF-8",
        ["AWS_ACCESS_KEY_ID"] = "AKIA" + "HCSANDBOX0TEST01",
        ["AWS_SECRET_ACCESS_KEY"] = "hcSandbox/Child" + "Env+K3y9Zq7Wx2Lm4Np6Rt8V",
        ["AWS_SESSION_TOKEN"] = "FwoGZXIvYXdzEJr" + "sessiontoken",
        ["AWS_PROFILE"] = "stack-readonly-profile",
        ["VERIFY_SIGNING_KEY"] = PemHeader + "\nMHcCAQEE\n",
        ["VERIFY_ALLURE"] = "/opt/allure",
        ["SIGNING_PEM"] = PemHeader + "\nMHcCAQEE\n",
        ["DATABASE_URL"] = "postgres://app:" + "Hc-Child-Pw-9x@db:5432/app",
        ["GITHUB_TOKEN"] = "ghp_" + "0123456789abcdefghijABCDEFGHIJ",
    };

    [Test]
    public void A_child_process_gets_only_path_home_and_locale()
    {
        var environment = ChildEnvironment.Build(Parent);

        Assert.That(environment.Keys, Is.EquivalentTo(new[] { "PATH", "HOME", "LANG" }));
    }

    [Test]
    public void Settings_a_caller_adds_are_kept_unless_they_look_like_credentials()
    {
        var extra = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["ALLURE_NO_ANALYTICS"] = "true", ["API_TOKEN"] = "t-" + "123456", ["AWS_REGION"] = "us-east-1" };

        var environment = ChildEnvironment.Build(Parent, extra);

        Assert.That(environment.Keys, Is.EquivalentTo(new[] { "PATH", "HOME", "LANG", "NO_COLOR", "ALLURE_NO_ANALYTICS" }));
    }

    [Test]
    public void No_value_of_the_parents_credentials_reaches_the_child()
    {
        var secrets = Parent.Where(v => v.Key is not ("PATH" or "HOME" or "LANG")).Select(v => v.Value!).ToList();

        var values = ChildEnvironment.Build(Parent).Values.ToList();

        var leaked = secrets.Select((secret, index) => (secret, index)).Where(s => values.Any(v => v.Contains(s.secret, StringComparison.Ordinal))).Select(s => s.index);
        Assert.That(leaked, Is.Empty, "indexes of parent variables whose values reached the child");
    }
}
