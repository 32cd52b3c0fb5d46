namespace Verification.Verify;

/// <summary>Headless Chromium (Debian's chromium package): prints evidence.html to PDF.</summary>
public static class Chromium
{
    /// <summary>Flags that keep a headless run off the network and free of first-run work.</summary>
    public static readonly IReadOnlyList<string> HeadlessFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];

    /// <summary>The chromium executable on PATH, or null.</summary>
    public static string? Find() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Prints <paramref name="html"/> to <paramref name="pdf"/>; returns null on success, else why not.</summary>
    public static async Task<string?> PrintToPdfAsync(string html, string pdf)
    {
        var chromium = Find();
        if (chromium is null)
        {
            return "chromium is not installed (apt-get install -y chromium)";
        }

        var profile = Directory.CreateTempSubdirectory("verify-chromium-");
        try
        {
            var code = await Processes.RunAsync(chromium, [.. HeadlessFlags, $"--user-data-dir={profile.FullName}", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(Path.GetFullPath(html)).AbsoluteUri],
                Path.GetDirectoryName(Path.GetFullPath(html))!, timeout: TimeSpan.FromMinutes(2), minimalEnvironment: true).ConfigureAwait(false);
            return code == 0 && File.Exists(pdf) ? null : $"chromium exited {code} without writing {pdf}";
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
