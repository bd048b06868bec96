using System.Globalization;
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
        var rows = new string[fileNames.Count][];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = Row(fileNames[i], scores.Slice(i * classes.Count, classes.Count));
        Csv.Write(path, Header(classes), rows);
    }

    /// <summary>The header: fname, then the class names in order.</summary>
    public static string[] Header(ClassList classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return ["fname", .. classes.Names];
    }

    /// <summary>One clip's fields: its name, then each score in round-trip form.</summary>
    public static string[] Row(string fileName, ReadOnlySpan<float> scores)
    {
        var row = new string[scores.Length + 1];
        row[0] = fileName;
        for (var c = 0; c < scores.Length; c++)
            row[c + 1] = scores[c].ToString("R", CultureInfo.InvariantCulture);
        return row;
    }

    /// <summary>Reads a submission: its class columns and each clip's scores.</summary>
    public static (ClassList Classes, IReadOnlyDictionary<string, float[]> Scores) Read(string path)
    {
        var classes = ClassList.FromSampleSubmission(path);
        var scores = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (lineNumber, fields) in Csv.Read(path).Rows)
        {
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
