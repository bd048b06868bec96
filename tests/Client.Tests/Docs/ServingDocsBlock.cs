using System.Diagnostics;

namespace Ensemble.Client.Tests.Docs;

/// <summary>
/// docs/serving.md's examples that tests run as written: the fenced block right after a marker line. Shared (linked)
/// by every project with such a test, so the docs are read one way.
/// </summary>
internal static class ServingDocsBlock
{
    public static async Task<string> AfterAsync(string marker)
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "serving.md"));
        var at = markdown.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/serving.md lacks the marker '{marker}'");
        var open = markdown.IndexOf("```", at, StringComparison.Ordinal);
        var bodyStart = markdown.IndexOf('\n', open) + 1;
        var close = markdown.IndexOf("```", bodyStart, StringComparison.Ordinal);
        return markdown[bodyStart..close];
    }

    /// <summary>Runs <paramref name="script"/> as `bash -euo pipefail` in <paramref name="folder"/>; its standard output,
    /// after asserting it exited 0 (the message names <paramref name="what"/> and carries standard error).</summary>
    public static async Task<string> RunAsync(string script, string folder, string what)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
            { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        using var bash = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, $"the docs' {what} exited with {bash.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ensemble.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Ensemble.sln above {AppContext.BaseDirectory}");
    }
}
