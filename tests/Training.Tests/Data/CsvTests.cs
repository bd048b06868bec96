using Ensemble.Training.Data;

namespace Ensemble.Training.Tests.Data;

public sealed class CsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteText(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks_and_rows_know_their_line()
    {
        var path = WriteText("labels.csv", "fname,labels\r\na.wav,\"Bark,Hiss\"\n\nb.wav,\"say \"\"hi\"\"\nthen go\"\nc.wav,Zipper_(clothing)\n");
        var table = Csv.Read(path);
        Assert.Equal(["fname", "labels"], table.Header);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(new CsvRow(2, ["a.wav", "Bark,Hiss"]), table.Rows[0], RowComparer.Instance);
        Assert.Equal(new CsvRow(4, ["b.wav", "say \"hi\"\nthen go"]), table.Rows[1], RowComparer.Instance);
        Assert.Equal(new CsvRow(6, ["c.wav", "Zipper_(clothing)"]), table.Rows[2], RowComparer.Instance);
    }

    [Fact]
    public void What_is_written_reads_back_field_for_field()
    {
        string[] header = ["fname", "labels, joined", "quote\""];
        IReadOnlyList<string>[] rows = [["a.wav", "Bark,Hiss", "x\"y"], ["two\nlines.wav", "", " padded "]];
        var path = Path.Combine(_folder, "sub", "round.csv");
        Csv.Write(path, header, rows);
        var table = Csv.Read(path);
        Assert.Equal(header, table.Header);
        Assert.Equal(rows.Length, table.Rows.Count);
        for (var i = 0; i < rows.Length; i++)
            Assert.Equal(rows[i], table.Rows[i].Fields);
        Assert.StartsWith("fname,\"labels, joined\",\"quote\"\"\"\na.wav,", File.ReadAllText(path));
    }

    [Fact]
    public void An_unterminated_quote_is_a_format_error_naming_file_and_line()
    {
        var path = WriteText("bad.csv", "fname,labels\na.wav,Bark\nb.wav,\"Bark\nc.wav,Hiss\n");
        var error = Assert.Throws<DatasetFormatException>(() => Csv.Read(path));
        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("unterminated", error.Message);
        Assert.StartsWith($"{path}:3:", error.Message);
    }

    [Fact]
    public void A_missing_or_empty_file_is_a_format_error()
    {
        Assert.Contains("not found", Assert.Throws<DatasetFormatException>(() => Csv.Read(Path.Combine(_folder, "none.csv"))).Message);
        Assert.Contains("empty file", Assert.Throws<DatasetFormatException>(() => Csv.Read(WriteText("empty.csv", ""))).Message);
    }

    [Fact]
    public void A_row_of_the_wrong_length_is_refused_when_writing()
    {
        var error = Assert.Throws<ArgumentException>(() => Csv.Write(Path.Combine(_folder, "w.csv"), ["a", "b"], [["1", "2"], ["3"]]));
        Assert.Contains("row 3 has 1 fields", error.Message);
        Assert.False(File.Exists(Path.Combine(_folder, "w.csv")));
    }

    private sealed class RowComparer : IEqualityComparer<CsvRow>
    {
        public static readonly RowComparer Instance = new();

        public bool Equals(CsvRow? x, CsvRow? y) => x is not null && y is not null && x.Line == y.Line && x.Fields.SequenceEqual(y.Fields);

        public int GetHashCode(CsvRow obj) => obj.Line;
    }
}
