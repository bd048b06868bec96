namespace Ensemble.Cli;

/// <summary>Finds the repository root (for samples/ and recipes/): $ENSEMBLE_HOME, else the first parent with samples/README.md.</summary>
internal static class RepositoryLayout
{
    public const string HomeVariable = "ENSEMBLE_HOME";

    public static string? FindRoot(string? startDirectory = null, string? home = null)
    {
        home ??= Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrEmpty(home) && Directory.Exists(home))
            return Path.GetFullPath(home);
        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "samples", "README.md")))
                return dir.FullName;
        }
        return null;
    }

    public static string? SamplesDirectory(string? root = null)
    {
        root ??= FindRoot();
        return root is null ? null : Path.Combine(root, "samples");
    }
}
