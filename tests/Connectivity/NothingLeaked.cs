using System.Text;
using Verification.Probes.Reporting;

namespace Verification.Connectivity;

/// <summary>Runs after every other fixture: nothing the run reports or the tests printed carries a secret it knew.</summary>
[TestFixture]
// Defects depends on DataPath in turn. Failures there must not skip the scan: a failing probe's message is where a secret would most likely leak.
[DependsOnFixture(typeof(Defects), AllowFailure = true)]
[Category("Connectivity")]
public sealed class NothingLeaked
{
    [Test]
    public void Neither_the_evidence_nor_the_tests_output_contains_a_planted_secret()
    {
        Suite.RequireReady();
        var secrets = Suite.Secrets;
        var evidence = ReportJson.Serialize(EvidenceBuilder.Build(Suite.Run!, new ToolInfo(), new SignatureInfo()));

        var leaks = Leaked(Encoding.UTF8.GetBytes(evidence), secrets).Select(i => $"evidence.json holds secret #{i + 1}")
            .Concat(Leaked(Encoding.UTF8.GetBytes(string.Join('\n', Suite.Printed)), secrets).Select(i => $"the tests' output holds secret #{i + 1}"))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secrets, Is.Not.Empty, "the run knew no secret, so the scan would prove nothing");
            Assert.That(Suite.Run!.DataPath, Is.Not.Empty, "the run probed nothing, so the scan would prove nothing");
            Assert.That(leaks, Is.Empty);
        }
    }

    // Indexes, never values: the failure message must not become the leak.
    static IEnumerable<int> Leaked(byte[] content, IReadOnlyList<string> secrets) =>
        secrets.Select((secret, i) => (secret, i))
            .Where(s => content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s.secret)) >= 0)
            .Select(s => s.i);
}
