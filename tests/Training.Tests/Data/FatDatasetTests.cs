using Ensemble.Training.Data;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Data;

public sealed class FatDatasetTests
{
    private static TempFolder Layout()
    {
        var dir = new TempFolder();
        dir.File("sample_submission.csv", "fname,Accordion,Bark,Hiss\nt1.wav,0,0,0\n");
        dir.File("train_curated.csv", "fname,labels\na.wav,Bark\nb.wav,\"Accordion,Hiss\"\nc.wav,Meow\nd.wav,Bark\na.wav,Hiss\ne.wav,\n");
        foreach (var name in new[] { "a", "b", "c", "e" })
            dir.File($"train_curated/{name}.wav", "x");
        dir.File("train_noisy.csv", "fname,labels\nn.wav,Hiss\n");
        dir.File("train_noisy/n.wav", "x");
        dir.File("test/t1.wav", "x");
        dir.File("test.csv", "fname,labels\nt1.wav,Bark\n");
        return dir;
    }

    [Fact]
    public void ReadsTheLayoutAndKeepsGoodRows()
    {
        using var dir = Layout();
        var data = FatDataset.Read(dir.Path);
        Assert.Equal(3, data.Classes.Count);
        Assert.Equal(["a.wav", "b.wav"], data.Curated.Select(c => c.FileName));
        Assert.Equal([0, 2], data.Curated[1].Labels);
        Assert.Single(data.Noisy);
        Assert.Single(data.TestAudioPaths);
        Assert.Equal([1], data.TestLabeled![0].Labels);
    }

    [Fact]
    public void ReportsEveryIssueWithFileLineAndReason()
    {
        using var dir = Layout();
        var issues = FatDataset.Read(dir.Path).Issues;
        Assert.Contains(issues, i => i.Line == 4 && i.Reason.Contains("unknown label 'Meow'", StringComparison.Ordinal) && i.File.EndsWith("train_curated.csv", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Line == 5 && i.Reason == "audio file missing" && i.File.EndsWith("d.wav", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Line == 6 && i.Reason.Contains("listed twice", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Line == 7 && i.Reason.Contains("no label", StringComparison.Ordinal));
        Assert.Equal(4, issues.Count);
    }

    [Fact]
    public void IssueReportIsACsvOfFileLineReason()
    {
        using var dir = Layout();
        var path = Path.Combine(dir.Path, IssueReport.FileName);
        IssueReport.Write(path, [new DatasetIssue("x.csv", 3, "unknown label 'a,b'")]);
        Assert.Equal("file,line,reason\nx.csv,3,\"unknown label 'a,b'\"\n", File.ReadAllText(path));
    }

    [Fact]
    public void MissingFolderOrBadHeaderThrowsTyped()
    {
        using var dir = Layout();
        Assert.Throws<DirectoryNotFoundException>(() => FatDataset.Read(Path.Combine(dir.Path, "nope")));
        dir.File("train_curated.csv", "name,label\n");
        var e = Assert.Throws<DatasetFormatException>(() => FatDataset.Read(dir.Path));
        Assert.Equal(1, e.Line);
    }
}
