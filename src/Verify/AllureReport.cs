using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verification.Verify;

/// <summary>
/// Renders allure-results with Allure 3 (npm package "allure") into one self-contained index.html, carrying
/// history from a previous report, and removes the page's analytics tag so it opens from disk with no network.
/// </summary>
public static partial class AllureReport
{
    public const string HistoryFile = "history.jsonl";

    /// <summary>The Allure CLI: VERIFY_ALLURE, else .tools/allure (scripts/install-allure.sh), else null.</summary>
    public static string? Find(string root)
    {
        var configured = Environment.GetEnvironmentVariable("VERIFY_ALLURE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var local = Path.Combine(root, ".tools", "allure", "node_modules", ".bin", "allure");
        return File.Exists(local) ? local : null;
    }

    /// <summary>Generates the report; returns null on success, else why not.</summary>
    public static async Task<string?> GenerateAsync(string allure, string results, string report, string? previousReport, Action<string> progress)
    {
        var history = previousReport is not null && File.Exists(Path.Combine(previousReport, HistoryFile))
            ? await File.ReadAllBytesAsync(Path.Combine(previousReport, HistoryFile)).ConfigureAwait(false)
            : null;
        if (Directory.Exists(report))
        {
            Directory.Delete(report, recursive: true);
        }

        Directory.CreateDirectory(report);
        if (history is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(report, HistoryFile), history).ConfigureAwait(false);
        }

        var config = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(results))!, "allurerc.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            name = "HIPAA stack verification",
            output = Path.GetFullPath(report),
            historyPath = Path.GetFullPath(Path.Combine(report, HistoryFile)),
            plugins = new { awesome = new { options = new { singleFile = true, reportName = "HIPAA stack verification" } } },
        })).ConfigureAwait(false);

        var code = await Processes.RunAsync(allure, ["generate", Path.GetFullPath(results), "--config", config, "--output", Path.GetFullPath(report)],
            Path.GetDirectoryName(config)!, new Dictionary<string, string?> { ["ALLURE_NO_ANALYTICS"] = "true", ["NO_COLOR"] = "1" }, progress, TimeSpan.FromMinutes(5), minimalEnvironment: true).ConfigureAwait(false);
        var index = Path.Combine(report, "index.html");
        if (code != 0 || !File.Exists(index))
        {
            return $"allure generate exited {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(not started)"}";
        }

        await File.WriteAllTextAsync(index, WithoutAnalytics(await File.ReadAllTextAsync(index).ConfigureAwait(false))).ConfigureAwait(false);
        return null;
    }

    /// <summary>The page without Allure's Google Analytics tag: the report must not call out when an auditor opens it.</summary>
    public static string WithoutAnalytics(string html) => AnalyticsTag().Replace(html, "");

    [GeneratedRegex("""<script async src="https://www\.googletagmanager\.com/[^"]*"></script>\s*<script>(?:(?!</script>).)*?gtag\(.*?</script>""", RegexOptions.Singleline)]
    private static partial Regex AnalyticsTag();
}
