namespace Ensemble.Training.Data;

/// <summary>One problem found in the data: the file it concerns, the CSV line (0 when none) and why.</summary>
public sealed record DatasetIssue(string File, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}
