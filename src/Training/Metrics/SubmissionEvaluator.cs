using Ensemble.Training.Data;
using Ensemble.Training.Submissions;

namespace Ensemble.Training.Metrics;

/// <summary>Scores a submission CSV against a labelled CSV (fname,labels), matching clips by name.</summary>
public static class SubmissionEvaluator
{
    public static (ClassList Classes, LwlrapResult Result) Evaluate(string truthCsv, string submissionCsv)
    {
        var (classes, scores) = SubmissionCsv.Read(submissionCsv);
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
}
