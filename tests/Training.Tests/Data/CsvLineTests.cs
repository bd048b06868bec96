using Ensemble.Training.Data;

namespace Ensemble.Training.Tests.Data;

public sealed class CsvLineTests
{
    [Fact]
    public void SplitsQuotedCommaJoinedLabels() =>
        Assert.Equal(["a.wav", "Bark,Hiss"], CsvLine.Split("a.wav,\"Bark,Hiss\"", "f.csv", 2));

    [Fact]
    public void UnescapesDoubledQuotes() =>
        Assert.Equal(["x\"y", "z"], CsvLine.Split("\"x\"\"y\",z", "f.csv", 2));

    [Fact]
    public void UnterminatedQuoteNamesFileAndLine()
    {
        var e = Assert.Throws<DatasetFormatException>(() => CsvLine.Split("a.wav,\"Bark", "f.csv", 7));
        Assert.Equal(("f.csv", 7), (e.File, e.Line));
    }

    [Fact]
    public void QuoteRoundTrips() =>
        Assert.Equal(["Bark,Hiss"], CsvLine.Split(CsvLine.Quote("Bark,Hiss"), "f", 1));
}
