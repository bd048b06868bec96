using Ensemble.Training.Data;
using Ensemble.Training.Metrics;
using Ensemble.Training.Submissions;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Submissions;

public sealed class SubmissionCsvTests
{
    [Fact]
    public void WritesKaggleFormatAndReadsItBack()
    {
        using var dir = new TempFolder();
        var classes = new ClassList(["Bark", "Hiss"]);
        var path = Path.Combine(dir.Path, "sub", "submission.csv");
        SubmissionCsv.Write(path, ["a.wav", "b.wav"], classes, [0.1f, 0.9f, 0.75f, 1e-7f]);
        Assert.StartsWith("fname,Bark,Hiss\na.wav,0.1,0.9\n", File.ReadAllText(path), StringComparison.Ordinal);
        var (readClasses, scores) = SubmissionCsv.Read(path);
        Assert.Equal(classes.Names, readClasses.Names);
        Assert.Equal([0.75f, 1e-7f], scores["b.wav"]);
    }

    [Fact]
    public void WriteRejectsWrongScoreCount() =>
        Assert.Throws<ArgumentException>(() => SubmissionCsv.Write("x.csv", ["a.wav"], new ClassList(["A", "B"]), [0.1f]));

    [Fact]
    public void EvaluatorMatchesClipsByName()
    {
        using var dir = new TempFolder();
        var truth = dir.File("test.csv", "fname,labels\na.wav,Hiss\nb.wav,\"Bark,Hiss\"\n");
        var pred = dir.File("sub.csv", "fname,Bark,Hiss\nb.wav,0.2,0.1\na.wav,0.9,0.1\n");
        var (_, result) = SubmissionEvaluator.Evaluate(truth, pred);
        Assert.Equal((0.5 + 1 + 1) / 3.0, result.Overall, 12);
    }

    [Fact]
    public void EvaluatorReportsMissingRowsAndBadNumbers()
    {
        using var dir = new TempFolder();
        var truth = dir.File("test.csv", "fname,labels\na.wav,Hiss\nc.wav,Bark\n");
        var pred = dir.File("sub.csv", "fname,Bark,Hiss\na.wav,0.9,0.1\n");
        Assert.Throws<DatasetIssuesException>(() => SubmissionEvaluator.Evaluate(truth, pred));
        var bad = dir.File("bad.csv", "fname,Bark,Hiss\na.wav,x,0.1\n");
        Assert.Equal(2, Assert.Throws<DatasetFormatException>(() => SubmissionEvaluator.Evaluate(truth, bad)).Line);
    }

    [Fact]
    public void EvaluatorRefusesAnExtraClassColumnByNameAgainstTheSampleSubmissionBesideTheTruth()
    {
        using var dir = new TempFolder();
        dir.File("sample_submission.csv", "fname,Bark,Hiss\n");
        var truth = dir.File("test.csv", "fname,labels\na.wav,Hiss\nb.wav,\"Bark,Hiss\"\n");
        var pred = dir.File("sub.csv", "fname,Bark,Hiss,Drip\nb.wav,0.2,0.1,0.9\na.wav,0.9,0.1,0.9\n");

        var e = Assert.Throws<DatasetFormatException>(() => SubmissionEvaluator.Evaluate(truth, pred));

        Assert.Equal(pred, e.File);
        Assert.Contains("unknown class column(s) 'Drip'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluatorBlamesTheSubmissionForARenamedColumn_WithOrWithoutAReference()
    {
        using var dir = new TempFolder();
        var truth = dir.File("test.csv", "fname,labels\na.wav,Hiss\nb.wav,\"Bark,Hiss\"\n");
        var pred = dir.File("sub.csv", "fname,Bark,Hisss\nb.wav,0.2,0.1\na.wav,0.9,0.1\n");

        var alone = Assert.Throws<DatasetFormatException>(() => SubmissionEvaluator.Evaluate(truth, pred));
        Assert.Equal(pred, alone.File);
        Assert.Contains("'Hiss'", alone.Message, StringComparison.Ordinal);

        var reference = dir.File("classes.csv", "fname,Bark,Hiss\n");
        var named = Assert.Throws<DatasetFormatException>(() => SubmissionEvaluator.Evaluate(truth, pred, reference));
        Assert.Equal(pred, named.File);
        Assert.Contains("unknown class column(s) 'Hisss'", named.Message, StringComparison.Ordinal);
        Assert.Contains("missing class column(s) 'Hiss'", named.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluatorScoresColumnsInAnyOrderAsTheReferenceOrder()
    {
        using var dir = new TempFolder();
        dir.File("sample_submission.csv", "fname,Bark,Hiss\n");
        var truth = dir.File("test.csv", "fname,labels\na.wav,Hiss\nb.wav,\"Bark,Hiss\"\n");
        var pred = dir.File("sub.csv", "fname,Hiss,Bark\nb.wav,0.1,0.2\na.wav,0.1,0.9\n");
        var (classes, result) = SubmissionEvaluator.Evaluate(truth, pred);
        Assert.Equal(["Bark", "Hiss"], classes.Names);
        Assert.Equal((0.5 + 1 + 1) / 3.0, result.Overall, 12);
    }
}
