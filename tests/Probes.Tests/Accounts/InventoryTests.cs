using NUnit.Framework;
using Verification.Probes.Runs;

namespace Verification.Probes.Tests.Accounts;

/// <summary>The inventory file and --outputs/--role-arn pairs: what a run is told about its accounts, and one message for every mistake.</summary>
public sealed class InventoryTests
{
    private string _folder = "";

    [SetUp]
    public void Folder() => _folder = Directory.CreateTempSubdirectory("inventory-").FullName;

    [TearDown]
    public void Clean() => Directory.Delete(_folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "inventory.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void Entries_keep_their_order_roles_and_external_ids_and_outputs_resolve_beside_the_inventory()
    {
        var path = Write("""
            { "accounts": [
              { "name": "dev", "region": "eu-west-1", "roleArn": "arn:aws:iam::111111111111:role/verification-audit", "externalId": "nightly", "outputs": ["out/dev.json", "out/dev-b.json"] },
              { "name": "sandbox-self", "outputs": ["/abs/self.json"] }
            ] }
            """);

        var accounts = Inventory.Read(path, sandbox: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accounts.Select(a => a.Name), Is.EqualTo(new[] { "dev", "sandbox-self" }));
            Assert.That(accounts[0].AccountId, Is.EqualTo("111111111111"), "the role ARN's account when accountId is not given");
            Assert.That(accounts[0].Region, Is.EqualTo("eu-west-1"));
            Assert.That(accounts[0].ExternalId, Is.EqualTo("nightly"));
            Assert.That(accounts[0].OutputsPaths, Is.EqualTo(new[] { Path.Combine(_folder, "out", "dev.json"), Path.Combine(_folder, "out", "dev-b.json") }));
            Assert.That(accounts[1].RoleArn, Is.Null);
            Assert.That(accounts[1].OutputsPaths, Is.EqualTo(new[] { "/abs/self.json" }));
        }
    }

    public static IEnumerable<TestCaseData> Mistakes()
    {
        yield return new TestCaseData("{ \"accounts\": [] }", "non-empty \"accounts\"").SetName("no accounts");
        yield return new TestCaseData("[1]", "non-empty \"accounts\"").SetName("not an object");
        yield return new TestCaseData("{ \"accounts\": [ {\"name\": \"a\"", "not valid JSON").SetName("truncated JSON");
        yield return new TestCaseData("""{ "accounts": [ { "outputs": ["x.json"] } ] }""", "expected \"name\"").SetName("no name");
        yield return new TestCaseData("""{ "accounts": [ { "name": "prod eu", "outputs": ["x.json"] } ] }""", "expected a name of letters").SetName("name with a space");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "outputs": [] } ] }""", "\"outputs\": a non-empty array").SetName("no outputs");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "outputs": "x.json" } ] }""", "found the string 'x.json'").SetName("outputs not an array");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "roleArn": "arn:aws:iam::123:role/x", "outputs": ["x.json"] } ] }""", "expected an IAM role ARN").SetName("short account in role ARN");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "roleArn": "arn:aws:iam::111111111111:user/x", "outputs": ["x.json"] } ] }""", "expected an IAM role ARN").SetName("a user, not a role");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "accountId": "222222222222", "roleArn": "arn:aws:iam::111111111111:role/x", "outputs": ["x.json"] } ] }""", "is in account 111111111111, but accountId says 222222222222").SetName("role in another account");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "accountId": "12", "outputs": ["x.json"] } ] }""", "12 digits").SetName("account id too short");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "externalId": "abc", "outputs": ["x.json"] } ] }""", "has no \"roleArn\"").SetName("external id without a role");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "region": "useast1", "outputs": ["x.json"] } ] }""", "such as us-east-1").SetName("bad region");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "role": "arn:aws:iam::111111111111:role/x", "outputs": ["x.json"] } ] }""", "unknown member \"role\"").SetName("misspelt member");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "outputs": ["a.json"] }, { "name": "p", "outputs": ["b.json"] } ] }""", "'p' appears 2 times").SetName("one name twice");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "outputs": ["a.json"], "sandbox": { "scenario": "compliant-rds" } } ] }""", "sandbox mode only").SetName("sandbox entry in a real run");
        yield return new TestCaseData("""{ "accounts": [ { "name": "p", "roleArn": 7, "outputs": ["a.json"] } ] }""", "\"roleArn\" to be a non-empty string").SetName("role ARN a number");
    }

    [TestCaseSource(nameof(Mistakes))]
    public void A_mistake_is_one_message_naming_the_inventory_and_what_was_expected(string json, string expected)
    {
        var path = Write(json);

        var error = Assert.Throws<SettingsException>(() => Inventory.Read(path, sandbox: false));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain(expected));
            Assert.That(error.Message, Does.Contain(path));
            Assert.That(error.Message.Split('\n'), Has.Length.EqualTo(1));
        }
    }

    [Test]
    public void A_missing_inventory_says_where_it_looked()
    {
        var error = Assert.Throws<SettingsException>(() => Inventory.Read(Path.Combine(_folder, "nope.json"), sandbox: false));

        Assert.That(error.Message, Does.StartWith("Setting Inventory:").And.Contain("nope.json"));
    }

    [Test]
    public void In_sandbox_mode_every_account_names_its_scenario()
    {
        var path = Write("""{ "accounts": [ { "name": "p", "roleArn": "arn:aws:iam::111111111111:role/a", "outputs": ["a.json"] } ] }""");

        var error = Assert.Throws<SettingsException>(() => Inventory.Read(path, sandbox: true));

        Assert.That(error.Message, Does.Contain("expected \"sandbox\": {\"scenario\": NAME}"));
    }

    [Test]
    public void Roles_pair_with_outputs_by_position_and_outputs_sharing_a_role_are_one_account()
    {
        var targets = Inventory.FromPairs(["a.json", "b.json", "c.json"],
            ["arn:aws:iam::111111111111:role/audit", "arn:aws:iam::222222222222:role/audit", "arn:aws:iam::111111111111:role/audit"], "ext");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(targets.Select(t => t.AccountId), Is.EqualTo(new[] { "111111111111", "222222222222" }));
            Assert.That(targets[0].OutputsPaths, Is.EqualTo(new[] { "a.json", "c.json" }));
            Assert.That(targets.Select(t => t.ExternalId), Is.All.EqualTo("ext"));
        }
    }

    [Test]
    public void One_role_applies_to_every_outputs_file_and_no_role_is_the_base_identity()
    {
        var one = Inventory.FromPairs(["a.json", "b.json"], ["arn:aws:iam::111111111111:role/audit"], null);
        var none = Inventory.FromPairs(["a.json", "b.json"], [], null);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.Single().OutputsPaths, Has.Count.EqualTo(2));
            Assert.That(none.Single().RoleArn, Is.Null);
            Assert.That(none.Single().OutputsPaths, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public void Two_roles_for_three_outputs_files_are_refused()
    {
        var error = Assert.Throws<SettingsException>(() => Inventory.FromPairs(["a", "b", "c"], ["arn:aws:iam::111111111111:role/x", "arn:aws:iam::222222222222:role/x"], null));

        Assert.That(error.Message, Is.EqualTo("Setting RoleArns: expected one role for every outputs file (3) or one role for all, found 2."));
    }

    [Test]
    public void An_inventory_replaces_the_outputs_setting_and_cannot_be_combined_with_role_arns()
    {
        var path = Write("""{ "accounts": [ { "name": "dev", "outputs": ["dev.json"] } ] }""");
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["Outputs"] = "outputs-samples/terraform.json", ["Inventory"] = path };

        var settings = RunSettings.Read(name => values.GetValueOrDefault(name), _ => null, _folder);
        values["RoleArns"] = "arn:aws:iam::111111111111:role/x";
        var error = Assert.Throws<SettingsException>(() => RunSettings.Read(name => values.GetValueOrDefault(name), _ => null, _folder));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.OutputsPaths, Is.EqualTo(new[] { Path.Combine(_folder, "dev.json") }));
            Assert.That(settings.Accounts.Single().Name, Is.EqualTo("dev"));
            Assert.That(error.Message, Does.StartWith("Setting RoleArns:"));
        }
    }

    [Test]
    public void The_session_name_says_which_tool_which_run_and_when_within_stss_limits()
    {
        var name = Engine.SessionName("audit", new DateTimeOffset(2026, 11, 30, 3, 17, 5, TimeSpan.Zero));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(name, Is.EqualTo("verify-audit-20261130T031705Z"));
            Assert.That(name, Does.Match(@"^[\w+=,.@-]{2,64}$"));
        }
    }
}
