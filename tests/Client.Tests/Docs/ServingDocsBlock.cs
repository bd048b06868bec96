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
