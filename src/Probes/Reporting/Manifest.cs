using System.Security.Cryptography;
using System.Text;

namespace Verification.Probes.Reporting;

/// <summary>
/// manifest.sha256 over every file of a bundle, in the format <c>sha256sum -c</c> reads ("hash␠␠relative/path"),
/// so an auditor can check it without this tool.
/// </summary>
public static class Manifest
{
    public const string FileName = "manifest.sha256";

    /// <summary>Files that describe the manifest and so cannot be listed in it.</summary>
    public static readonly IReadOnlySet<string> Unlisted = new HashSet<string>(StringComparer.Ordinal) { FileName, ManifestSignature.FileName };

    /// <summary>Writes the manifest over every file under <paramref name="folder"/> and returns its bytes.</summary>
    public static byte[] Write(string folder)
    {
        var lines = Files(folder).Select(path => $"{Sha256Of(Path.Combine(folder, path))}  {path}\n");
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines));
        File.WriteAllBytes(Path.Combine(folder, FileName), bytes);
        return bytes;
    }

    /// <summary>Every difference between the folder and its manifest: changed, missing and unlisted files. Empty means intact.</summary>
    public static IReadOnlyList<string> Check(string folder)
    {
        var manifestPath = Path.Combine(folder, FileName);
        if (!File.Exists(manifestPath))
        {
            return [$"{FileName} is missing, so nothing in {folder} can be checked."];
        }

        var problems = new List<string>();
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllText(manifestPath).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length != 2 || parts[0].Length != 64)
            {
                problems.Add($"{FileName} has a malformed line: '{line}'.");
                continue;
            }

            listed[parts[1]] = parts[0];
        }

        foreach (var (path, expected) in listed)
        {
            var full = Path.Combine(folder, path);
            if (!File.Exists(full))
            {
                problems.Add($"{path} is listed in {FileName} but missing.");
            }
            else if (Sha256Of(full) is var actual && actual != expected)
            {
                problems.Add($"{path} was modified: SHA-256 {actual}, manifest says {expected}.");
            }
        }

        problems.AddRange(Files(folder).Where(path => !listed.ContainsKey(path)).Select(path => $"{path} is not listed in {FileName} (added after the bundle was written)."));
        return problems;
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !Unlisted.Contains(f))
            .Order(StringComparer.Ordinal);
}
