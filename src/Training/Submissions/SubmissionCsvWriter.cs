using Ensemble.Training.Data;

namespace Ensemble.Training.Submissions;

/// <summary>
/// A submission written clip by clip as results arrive (`tag --out`): the header at once, then each row flushed to
/// disk when it is added, so a run that is stopped or crashes leaves every clip it finished on disk. Rows are in the
/// order they are added; the format is <see cref="SubmissionCsv"/>'s.
/// </summary>
public sealed class SubmissionCsvWriter : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly ClassList _classes;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    public SubmissionCsvWriter(string path, ClassList classes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(classes);
        _classes = classes;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _writer = new StreamWriter(Path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        _writer.Write(Csv.Line(SubmissionCsv.Header(classes)));
        _writer.Flush();
    }

    public string Path { get; }
    public int Rows => _written.Count;

    public void Add(string fileName, ReadOnlySpan<float> scores)
    {
        if (scores.Length != _classes.Count)
            throw new ArgumentException($"{fileName}: {scores.Length} scores for {_classes.Count} classes", nameof(scores));
        if (!_written.Add(fileName))
            throw new ArgumentException($"{fileName}: already written", nameof(fileName));
        _writer.Write(Csv.Line(SubmissionCsv.Row(fileName, scores)));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
