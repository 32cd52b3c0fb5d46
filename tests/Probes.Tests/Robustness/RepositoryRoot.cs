namespace Verification.Probes.Tests.Robustness;

/// <summary>The repository root (the folder holding Verification.sln), found from the test host's directory.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Verification.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no Verification.sln above {AppContext.BaseDirectory}");
    }
}
