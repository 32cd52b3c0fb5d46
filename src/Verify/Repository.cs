using System.Reflection;

namespace Verification.Verify;

/// <summary>Finds the repository (the folder with Verification.sln) from the working directory or the tool's own location.</summary>
internal static class Repository
{
    public static string Root() =>
        Up(Directory.GetCurrentDirectory()) ?? Up(AppContext.BaseDirectory)
        ?? throw new UsageException("Run verify inside the repository (no Verification.sln found above the current directory).");

    private static string? Up(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The commit of the checkout, read from .git without starting git (a process start costs more than the whole collection).</summary>
    public static string? GitCommit(string root)
    {
        var git = Path.Combine(root, ".git");
        if (File.Exists(git) && File.ReadAllText(git).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            git = Path.GetFullPath(pointer["gitdir:".Length..].Trim(), root);
        }

        var head = Path.Combine(git, "HEAD");
        if (!File.Exists(head))
        {
            return null;
        }

        var text = File.ReadAllText(head).Trim();
        if (!text.StartsWith("ref: ", StringComparison.Ordinal))
        {
            return text;
        }

        var reference = text[5..];
        foreach (var dir in new[] { git, CommonDir(git) })
        {
            var loose = Path.Combine(dir, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }

            var packed = Path.Combine(dir, "packed-refs");
            if (File.Exists(packed) && File.ReadLines(packed).FirstOrDefault(l => l.EndsWith(" " + reference, StringComparison.Ordinal)) is { } line)
            {
                return line.Split(' ')[0];
            }
        }

        return null;
    }

    private static string CommonDir(string git)
    {
        var common = Path.Combine(git, "commondir");
        return File.Exists(common) ? Path.GetFullPath(File.ReadAllText(common).Trim(), git) : git;
    }

    public static string ToolVersion() =>
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
}
