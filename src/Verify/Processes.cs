using System.Collections;
using System.Diagnostics;
using Verification.Probes.Controls.Containers;

namespace Verification.Verify;

/// <summary>Runs a child process, forwarding its output line by line so the user sees progress.</summary>
internal static class Processes
{
    /// <summary>
    /// Runs <paramref name="file"/>; returns its exit code, or null when it could not be started (not installed). With
    /// <paramref name="minimalEnvironment"/> the child gets <see cref="ChildEnvironment"/>'s environment plus
    /// <paramref name="environment"/>, else this process's environment plus <paramref name="environment"/>.
    /// </summary>
    public static async Task<int?> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? onLine = null, TimeSpan? timeout = null, bool minimalEnvironment = false)
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

        if (minimalEnvironment)
        {
            Confine(start, environment);
        }
        else
        {
            foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            {
                start.Environment[name] = value;
            }
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

        Confine(start, null);

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

    /// <summary>Replaces the inherited environment by <see cref="ChildEnvironment"/>'s minimal one: no child sees AWS credentials or the signing key.</summary>
    private static void Confine(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? extra)
    {
        start.Environment.Clear();
        foreach (var (name, value) in ChildEnvironment.FromCurrentProcess(extra))
        {
            start.Environment[name] = value;
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

/// <summary>
/// The environment a child process (Chromium, node for Allure) starts with: only what a program needs to find itself,
/// its home, temp folder, locale and fonts. Never AWS_* credentials, VERIFY_* settings (the evidence signing key), or
/// any variable whose name or value looks like a credential: a child process, its crash dumps and its plugins must
/// not inherit key material.
/// </summary>
public static class ChildEnvironment
{
    private static readonly string[] Kept =
    [
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "TEMP", "TMP",
        "XDG_RUNTIME_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "FONTCONFIG_PATH", "FONTCONFIG_FILE",
        "SystemRoot", "windir", "ComSpec", "PATHEXT", "USERPROFILE", "LOCALAPPDATA", "APPDATA",
    ];

    /// <summary>The minimal environment from <paramref name="current"/>, plus <paramref name="extra"/> (which may not add a credential either).</summary>
    public static IReadOnlyDictionary<string, string> Build(IReadOnlyDictionary<string, string?> current, IReadOnlyDictionary<string, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        var kept = current.Where(v => Kept.Contains(v.Key, StringComparer.Ordinal))
            .Concat(extra ?? new Dictionary<string, string?>())
            .Where(v => v.Value is not null && Allowed(v.Key, v.Value))
            .GroupBy(v => v.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value!, StringComparer.Ordinal);
        return kept;
    }

    /// <summary>The minimal environment from this process's environment.</summary>
    public static IReadOnlyDictionary<string, string> FromCurrentProcess(IReadOnlyDictionary<string, string?>? extra = null) =>
        Build(Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal), extra);

    private static bool Allowed(string name, string value) =>
        !name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
        && !name.StartsWith("VERIFY_", StringComparison.OrdinalIgnoreCase)
        && SecretLooking.Why(name, value) is null;
}
