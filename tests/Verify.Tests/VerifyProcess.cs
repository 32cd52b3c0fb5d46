using System.Diagnostics;

namespace Verification.Verify.Tests;

/// <summary>What one run of the verify tool printed and returned.</summary>
internal sealed record VerifyResult(int ExitCode, string Output, string Out)
{
    public string Evidence => Path.Combine(Out, "evidence");
}

/// <summary>Runs the built verify tool as a user would, from the repository root.</summary>
internal static class VerifyProcess
{
    public static string Root { get; } = FindRoot();

    public static async Task<VerifyResult> RunAsync(params string[] arguments)
    {
        var output = arguments.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verify.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new VerifyResult(process.ExitCode, await stdout + await stderr, output);
    }

    /// <summary>A fresh folder for one run's reports.</summary>
    public static string NewOut(string name) => Directory.CreateTempSubdirectory($"verify-{name}-").FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Verification.sln not found above the test directory.");
    }
}
