using Ensemble.Audio.Files;
using nietras.SeparatedValues;

namespace Ensemble.Training.Data;

/// <summary>One row of a CSV file: its fields (unquoted) and the 1-based line it starts on.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV file read whole: the header's fields and every non-empty row after it.</summary>
public sealed record CsvTable(string File, IReadOnlyList<string> Header, IReadOnlyList<CsvRow> Rows);

/// <summary>
/// Every CSV this project reads or writes goes through here, on the Sep library (RFC 4180: fields in double quotes may
/// hold commas, quotes written "" and line breaks). Row lengths are not checked here: the callers know their columns
/// and report a wrong count with the file and line. A file that is not CSV at all throws <see cref="DatasetFormatException"/>.
/// </summary>
public static class Csv
{
    private static readonly Sep Comma = Sep.New(',');

    public static CsvTable Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new DatasetFormatException(path, 0, "file not found");
        using var reader = Comma.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(path);
        IReadOnlyList<string>? header = null;
        var rows = new List<CsvRow>();
        foreach (var row in reader)
        {
            // Sep reads an unterminated quote to the end of the file as one field; an odd quote count shows it.
            if (row.Span.Count('"') % 2 != 0)
                throw new DatasetFormatException(path, row.LineNumberFrom, "unterminated double quote");
            var fields = new string[row.ColCount];
            for (var c = 0; c < fields.Length; c++)
                fields[c] = row[c].ToString();
            if (header is null)
                header = fields;
            else if (fields is not [""])
                rows.Add(new CsvRow(row.LineNumberFrom, fields));
        }
        return new CsvTable(path, header ?? throw new DatasetFormatException(path, 1, "empty file, expected a header"), rows);
    }

    /// <summary>Writes a header and rows atomically (<see cref="AtomicFile"/>), quoting fields that need it.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (header.Count == 0)
            throw new ArgumentException("a CSV needs at least one column", nameof(header));
        AtomicFile.WriteAllText(path, ToText(header, rows));
    }

    /// <summary>One row's CSV line with its '\n', quoted as <see cref="Write"/> quotes (for files written row by row).</summary>
    public static string Line(IReadOnlyList<string> fields) => ToText(fields, []);

    /// <summary>The CSV text of a header and rows ('\n' line ends).</summary>
    public static string ToText(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter { NewLine = "\n" };
        using (var writer = Comma.Writer(o => o with { WriteHeader = false, Escape = true }).To(text))
        {
            WriteRow(writer, header, 1);
            var line = 1;
            foreach (var fields in rows)
                WriteRow(writer, fields, ++line);
        }
        return text.ToString();

        void WriteRow(SepWriter writer, IReadOnlyList<string> fields, int line)
        {
            if (fields.Count != header.Count)
                throw new ArgumentException($"row {line} has {fields.Count} fields, the header {header.Count}", nameof(rows));
            using var row = writer.NewRow();
            for (var c = 0; c < fields.Count; c++)
                row[c].Set(fields[c]);
        }
    }
}
