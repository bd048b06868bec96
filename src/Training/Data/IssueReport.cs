using System.Text;

namespace Ensemble.Training.Data;

/// <summary>Writes and reads the data-issue report (CSV: file,line,reason) kept in the run folder.</summary>
public static class IssueReport
{
    public const string FileName = "data-issues.csv";

    public static void Write(string path, IEnumerable<DatasetIssue> issues)
    {
        var text = new StringBuilder("file,line,reason\n");
        foreach (var issue in issues)
            text.Append(CsvLine.Quote(issue.File)).Append(',').Append(issue.Line).Append(',').Append(CsvLine.Quote(issue.Reason)).Append('\n');
        File.WriteAllText(path, text.ToString());
    }
}
