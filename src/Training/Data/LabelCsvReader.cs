namespace Ensemble.Training.Data;

/// <summary>
/// Reads a FAT2019 label CSV (header fname,labels; several labels comma-joined inside quotes). Row problems
/// (unknown label, no label, duplicate name, missing audio file) are collected as issues, not thrown, so that
/// every problem can be reported at once; a file that is not such a CSV at all throws.
/// </summary>
public static class LabelCsvReader
{
    /// <param name="audioDirectory">Folder of the clips, checked for each row; null to read labels only.</param>
    public static IReadOnlyList<LabeledClip> Read(string csvPath, string? audioDirectory, ClassList classes, ICollection<DatasetIssue> issues)
    {
        var table = Csv.Read(csvPath);
        if (table.Header is not ["fname", "labels"])
            throw new DatasetFormatException(csvPath, 1, $"header must be 'fname,labels', got '{string.Join(',', table.Header)}'");
        var clips = new List<LabeledClip>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (lineNumber, fields) in table.Rows)
        {
            if (fields.Count != 2)
            {
                issues.Add(new DatasetIssue(csvPath, lineNumber, $"expected 2 fields (fname,labels), found {fields.Count}"));
                continue;
            }
            var fname = fields[0].Trim();
            if (fname.Length == 0 || fname.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                issues.Add(new DatasetIssue(csvPath, lineNumber, $"invalid file name '{fname}'"));
                continue;
            }
            if (!seen.Add(fname))
            {
                issues.Add(new DatasetIssue(csvPath, lineNumber, $"'{fname}' is listed twice"));
                continue;
            }
            var labels = new SortedSet<int>();
            var ok = true;
            foreach (var name in fields[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (classes.TryIndexOf(name, out var index))
                    labels.Add(index);
                else
                {
                    issues.Add(new DatasetIssue(csvPath, lineNumber, $"unknown label '{name}' for '{fname}'"));
                    ok = false;
                }
            }
            if (ok && labels.Count == 0)
            {
                issues.Add(new DatasetIssue(csvPath, lineNumber, $"'{fname}' has no label"));
                ok = false;
            }
            var audioPath = audioDirectory is null ? fname : Path.Combine(audioDirectory, fname);
            if (audioDirectory is not null && !File.Exists(audioPath))
            {
                issues.Add(new DatasetIssue(audioPath, lineNumber, "audio file missing"));
                ok = false;
            }
            if (ok)
                clips.Add(new LabeledClip(fname, audioPath, labels.ToArray(), lineNumber));
        }
        return clips;
    }
}
