using Ensemble.Training.Data;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Data;

public sealed class ClassListTests
{
    [Fact]
    public void ReadsClassOrderFromSampleSubmission()
    {
        using var dir = new TempFolder();
        var classes = ClassList.FromSampleSubmission(dir.File("s.csv", "fname,Bark,Accordion\nx.wav,0,0\n"));
        Assert.Equal(["Bark", "Accordion"], classes.Names);
        Assert.True(classes.TryIndexOf("Accordion", out var index));
        Assert.Equal(1, index);
    }

    [Fact]
    public void RejectsDuplicatesAndBadHeaders()
    {
        using var dir = new TempFolder();
        Assert.Throws<DatasetFormatException>(() => ClassList.FromSampleSubmission(dir.File("a.csv", "fname,Bark,Bark\n")));
        Assert.Throws<DatasetFormatException>(() => ClassList.FromSampleSubmission(dir.File("b.csv", "name,Bark\n")));
        Assert.Throws<DatasetFormatException>(() => ClassList.FromSampleSubmission(Path.Combine(dir.Path, "none.csv")));
    }
}
