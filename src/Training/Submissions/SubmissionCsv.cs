using System.Globalization;
using System.Text;
using Ensemble.Training.Data;

namespace Ensemble.Training.Submissions;

/// <summary>Kaggle FAT2019 submission files: header fname + class columns in order, one row per clip.</summary>
public static class SubmissionCsv
{
    /// <param name="scores">Row-major [fileNames.Count, classes.Count].</param>
    public static void Write(string path, IReadOnlyList<string> fileNames, ClassList classes, ReadOnlySpan<float> scores)
    {
        if (scores.Length != fileNames.Count * classes.Count)
            throw new ArgumentException($"{scores.Length} scores for {fileNames.Count} clips × {classes.Count} classes.", nameof(scores));
        var text = new StringBuilder("fname");
        foreach (var name in classes.Names)
            text.Append(',').Append(CsvLine.Quote(name));
        text.Append('\n');
        for (var i = 0; i < fileNames.Count; i++)
        {
            text.Append(CsvLine.Quote(fileNames[i]));
            for (var c = 0; c < classes.Count; c++)
                text.Append(',').Append(scores[i * classes.Count + c].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a submission: its class columns and each clip's scores.</summary>
    public static (ClassList Classes, IReadOnlyDictionary<string, float[]> Scores) Read(string path)
    {
        if (!File.Exists(path))
            throw new DatasetFormatException(path, 0, "file not found");
        var classes = ClassList.FromSampleSubmission(path);
        var scores = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (lineNumber == 1 || line.Length == 0)
                continue;
            var fields = CsvLine.Split(line, path, lineNumber);
            if (fields.Count != classes.Count + 1)
                throw new DatasetFormatException(path, lineNumber, $"expected {classes.Count + 1} fields, found {fields.Count}");
            var row = new float[classes.Count];
            for (var c = 0; c < classes.Count; c++)
            {
                if (!float.TryParse(fields[c + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]) || float.IsNaN(row[c]))
                    throw new DatasetFormatException(path, lineNumber, $"'{fields[c + 1]}' in column '{classes.Names[c]}' is not a number");
            }
            if (!scores.TryAdd(fields[0], row))
                throw new DatasetFormatException(path, lineNumber, $"'{fields[0]}' is listed twice");
        }
        return (classes, scores);
    }
}
