using System.IO.Compression;
using NUnit.Framework;
using Verification.Probes.Reporting;
using Verification.Sandbox;

namespace Verification.Probes.Tests.Reporting;

/// <summary>Runs scenarios with planted credentials through the engine and every evidence writer, then reads back every byte written.</summary>
public sealed class SecretLeakTests
{
    private static readonly string[] Planted = ["ecs-secret-in-environment", "ecs-connection-string-password", "ecs-aws-key-in-innocent-name"];

    [TestCaseSource(nameof(Planted))]
    public async Task No_planted_secret_reaches_any_written_file_or_zip_entry(string scenario)
    {
        var secrets = Scenario.Load(scenario).PlantedSecrets.Select(s => s.Value).ToList();
        var folder = await Bundles.WriteAsync(scenario);
        var work = Path.GetDirectoryName(folder)!;
        var evidence = await Bundles.EvidenceOf(scenario);
        JUnitWriter.Write(evidence, Path.Combine(work, "junit"));
        AllureWriter.Write(evidence, Path.Combine(work, "allure-results"));

        var texts = Written(work).ToList();

        var leaks = texts.SelectMany((text, file) => secrets.Select((secret, index) => (file, index, hit: text.Contains(secret, StringComparison.Ordinal))))
            .Where(x => x.hit).Select(x => $"file #{x.file} holds planted secret #{x.index}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(secrets, Is.Not.Empty, "the scenario plants secrets to look for");
            Assert.That(texts, Has.Count.GreaterThan(5), "the bundle, its zip, JUnit and Allure were written");
            Assert.That(leaks, Is.Empty);
        }
    }

    /// <summary>The text of every file under <paramref name="root"/>, and of every entry of every zip among them.</summary>
    private static IEnumerable<string> Written(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return File.ReadAllText(file);
            if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = ZipFile.OpenRead(file);
                foreach (var entry in zip.Entries.Where(e => e.Length > 0))
                {
                    using var reader = new StreamReader(entry.Open());
                    yield return reader.ReadToEnd();
                }
            }
        }
    }
}
