namespace Ensemble.Fuzz;

internal enum FuzzFindingKind
{
    /// <summary>An exception that is not one of the reader's typed errors.</summary>
    Crash,

    /// <summary>A typed error whose message does not name the file.</summary>
    UnnamedFile,

    /// <summary>More allocated than the input-size bound.</summary>
    Allocation,

    /// <summary>Still running after the hang limit.</summary>
    Hang,
}

/// <summary>One distinct problem: the first input that showed it, how often it recurred, and what was seen.</summary>
internal sealed record FuzzFinding(string Target, FuzzFindingKind Kind, string Signature, string Detail, string? InputPath, int Occurrences);
