using System.Globalization;

namespace Ensemble.Training.Data;

/// <summary>Writes and reads the data-issue report (CSV: file,line,reason) kept in the run folder.</summary>
public static class IssueReport
{
    public const string FileName = "data-issues.csv";

    public static void Write(string path, IEnumerable<DatasetIssue> issues)
    {
        Csv.Write(path, ["file", "line", "reason"],
            issues.Select(i => (IReadOnlyList<string>)[i.File, i.Line.ToString(CultureInfo.InvariantCulture), i.Reason]));
    }
}
