using Ensemble.Training.Data;
using Ensemble.Training.Submissions;

namespace Ensemble.Training.Metrics;

/// <summary>
/// Scores a submission CSV against a labelled CSV (fname,labels), matching clips by name. The class columns must be
/// exactly those of the reference class list (a sample submission): an extra column would join every clip's ranking
/// and change lwlrap silently, so unknown and missing columns are refused by name, blaming the submission.
/// </summary>
public static class SubmissionEvaluator
{
    /// <param name="classesCsv">The reference sample submission; null: sample_submission.csv beside the truth CSV when
    /// there is one, else the submission's own columns (which must then hold every label the truth uses).</param>
    public static (ClassList Classes, LwlrapResult Result) Evaluate(string truthCsv, string submissionCsv, string? classesCsv = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(truthCsv);
        var (columns, submitted) = SubmissionCsv.Read(submissionCsv);
        var reference = classesCsv ?? Beside(truthCsv, FatDataset.SampleSubmissionCsv);
        ClassList classes;
        IReadOnlyDictionary<string, float[]> scores;
        if (reference is null)
        {
            CheckTruthLabelsHaveColumns(truthCsv, submissionCsv, columns);
            (classes, scores) = (columns, submitted);
        }
        else
        {
            classes = ClassList.FromSampleSubmission(reference);
            scores = InReferenceOrder(submissionCsv, columns, submitted, classes, reference);
        }

        var issues = new List<DatasetIssue>();
        var truth = LabelCsvReader.Read(truthCsv, audioDirectory: null, classes, issues);
        var missing = truth.Where(t => !scores.ContainsKey(t.FileName)).Select(t => t.FileName).ToArray();
        if (missing.Length > 0)
            issues.Add(new DatasetIssue(submissionCsv, 0, $"{missing.Length} clip(s) of {truthCsv} have no row, e.g. '{missing[0]}'"));
        var names = truth.Select(t => t.FileName).ToHashSet(StringComparer.Ordinal);
        var extra = scores.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal).ToArray();
        if (extra.Length > 0)
            issues.Add(new DatasetIssue(submissionCsv, 0, $"{extra.Length} row(s) are not in {truthCsv}, e.g. '{extra[0]}'"));
        if (issues.Count > 0)
            throw new DatasetIssuesException(issues, reportPath: null);

        var truthMatrix = new bool[truth.Count * classes.Count];
        var scoreMatrix = new float[truth.Count * classes.Count];
        for (var i = 0; i < truth.Count; i++)
        {
            foreach (var label in truth[i].Labels)
                truthMatrix[i * classes.Count + label] = true;
            scores[truth[i].FileName].CopyTo(scoreMatrix, i * classes.Count);
        }
        return (classes, Lwlrap.Compute(truthMatrix, scoreMatrix, classes.Count));
    }

    private static string? Beside(string file, string name)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>The submission's scores with its columns put in the reference's order; any other column set is refused.</summary>
    private static Dictionary<string, float[]> InReferenceOrder(string submissionCsv, ClassList columns, IReadOnlyDictionary<string, float[]> submitted,
        ClassList reference, string referenceCsv)
    {
        var unknown = columns.Names.Where(n => !reference.TryIndexOf(n, out _)).ToArray();
        var absent = reference.Names.Where(n => !columns.TryIndexOf(n, out _)).ToArray();
        if (unknown.Length > 0 || absent.Length > 0)
        {
            var problems = new List<string>();
            if (unknown.Length > 0)
                problems.Add($"unknown class column(s) {Quote(unknown)} (not in {referenceCsv})");
            if (absent.Length > 0)
                problems.Add($"missing class column(s) {Quote(absent)}");
            throw new DatasetFormatException(submissionCsv, 1, string.Join("; ", problems));
        }
        var order = reference.Names.Select(n => columns.TryIndexOf(n, out var i) ? i : -1).ToArray();
        return submitted.ToDictionary(p => p.Key, p => order.Select(i => p.Value[i]).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Without a reference list, a truth label with no column is the submission's fault (a renamed or dropped column).</summary>
    private static void CheckTruthLabelsHaveColumns(string truthCsv, string submissionCsv, ClassList columns)
    {
        var used = Csv.Read(truthCsv).Rows.Where(r => r.Fields.Count == 2)
            .SelectMany(r => r.Fields[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).Where(n => !columns.TryIndexOf(n, out _)).Order(StringComparer.Ordinal).ToArray();
        if (used.Length > 0)
            throw new DatasetFormatException(submissionCsv, 1, $"no class column for label(s) {Quote(used)} that {truthCsv} uses");
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
