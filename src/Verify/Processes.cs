using System.Diagnostics;

namespace Verification.Verify;

/// <summary>Runs a child process, forwarding its output line by line so the user sees progress.</summary>
internal static class Processes
{
    /// <summary>Runs <paramref name="file"/>; returns its exit code, or null when it could not be started (not installed).</summary>
    public static async Task<int?> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? onLine = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            process.OutputDataReceived += (_, e) => Forward(e.Data, onLine);
            process.ErrorDataReceived += (_, e) => Forward(e.Data, onLine);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(30));
            try
            {
                await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return -1;
            }

            return process.ExitCode;
        }
    }

    /// <summary>The program's standard output, or null when it cannot run or fails.</summary>
    public static string? Read(string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void Forward(string? line, Action<string>? onLine)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            onLine?.Invoke(line);
        }
    }
}
