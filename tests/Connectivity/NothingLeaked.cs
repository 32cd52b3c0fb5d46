using System.Text;

namespace Verification.Connectivity;

/// <summary>Runs after every other fixture: nothing the run wrote or printed carries a secret it knew.</summary>
[TestFixture]
// Defects depends on DataPath in turn. Failures there must not skip the scan: a failing probe's message is where a secret would most likely leak.
[DependsOnFixture(typeof(Defects), AllowFailure = true)]
[Category("Connectivity")]
public sealed class NothingLeaked
{
    [Test]
    public void No_file_the_run_wrote_contains_a_planted_secret()
    {
        Suite.RequireReady();
        var secrets = Suite.Secrets;
        var files = Directory.EnumerateFiles(Suite.Settings.ReportsDirectory, "*", SearchOption.AllDirectories).ToList();

        var leaks = files
            .SelectMany(file => Leaked(Contents(file), secrets).Select(i => $"{Path.GetRelativePath(Suite.RepoRoot, file)} holds secret #{i + 1}"))
            .Concat(Leaked(Encoding.UTF8.GetBytes(string.Join('\n', Suite.Printed)), secrets).Select(i => $"the tests' output holds secret #{i + 1}"))
            .ToList();
        TestContext.Out.WriteLine($"Scanned {files.Count} files under {Suite.Settings.ReportsDirectory} and {Suite.Printed.Count} printed results for {secrets.Count} secrets.");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secrets, Is.Not.Empty, "the run knew no secret, so the scan would prove nothing");
            Assert.That(files, Has.Some.EndsWith("connectivity.json"), "the run wrote no connectivity.json");
            Assert.That(leaks, Is.Empty);
        }
    }

    // Other suites write under the same directory while this one runs (dotnet test runs assemblies in parallel); a file
    // gone between listing and reading holds nothing any more.
    static byte[] Contents(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    // Indexes, never values: the failure message must not become the leak.
    static IEnumerable<int> Leaked(byte[] content, IReadOnlyList<string> secrets) =>
        secrets.Select((secret, i) => (secret, i))
            .Where(s => content.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s.secret)) >= 0)
            .Select(s => s.i);
}
