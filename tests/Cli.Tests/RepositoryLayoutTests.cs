using Ensemble.Cli;

namespace Ensemble.Cli.Tests;

public sealed class RepositoryLayoutTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ensemble-layout-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FindsTheRootAboveTheStartFolderByItsSamplesReadme()
    {
        Directory.CreateDirectory(Path.Combine(_root, "samples"));
        File.WriteAllText(Path.Combine(_root, "samples", "README.md"), "x");
        var deep = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;
        Assert.Equal(_root, RepositoryLayout.FindRoot(deep, home: ""));
    }

    [Fact]
    public void EnsembleHomeWinsWhenItExists()
    {
        Assert.Equal(_root, RepositoryLayout.FindRoot("/", home: _root));
    }

    [Fact]
    public void SampleDataSummaryCountsClipsAndClasses()
    {
        var samples = Directory.CreateDirectory(Path.Combine(_root, "samples")).FullName;
        Directory.CreateDirectory(Path.Combine(samples, "test"));
        File.WriteAllBytes(Path.Combine(samples, "test", "a.wav"), []);
        File.WriteAllText(Path.Combine(samples, "sample_submission.csv"), "fname,A,B,C\n");
        using var output = new StringWriter();
        SampleData.Describe(output, samples);
        Assert.Contains("test 1 clips; 3 classes", output.ToString(), StringComparison.Ordinal);
    }
}
