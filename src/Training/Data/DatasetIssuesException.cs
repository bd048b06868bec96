namespace Ensemble.Training.Data;

/// <summary>Thrown before training when the data has issues and the run was not told to skip them.</summary>
public sealed class DatasetIssuesException(IReadOnlyList<DatasetIssue> issues, string? reportPath)
    : Exception(Describe(issues, reportPath))
{
    public IReadOnlyList<DatasetIssue> Issues { get; } = issues;
    public string? ReportPath { get; } = reportPath;

    private static string Describe(IReadOnlyList<DatasetIssue> issues, string? reportPath)
    {
        var shown = string.Join(Environment.NewLine, issues.Take(20).Select(i => "  " + i));
        var more = issues.Count > 20 ? $"{Environment.NewLine}  … and {issues.Count - 20} more" : "";
        var report = reportPath is null ? "" : $"{Environment.NewLine}Full report: {reportPath}";
        return $"The data has {issues.Count} issue(s):{Environment.NewLine}{shown}{more}{report}";
    }
}
