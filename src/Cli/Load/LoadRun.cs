namespace Ensemble.Cli.Load;

/// <summary>
/// Everything a load run sent: the finished requests, how many were sent, how many were abandoned because the caller
/// stopped the run, and how many were still unanswered <see cref="LoadOptions.Grace"/> after the end (lost: a request
/// that neither answered nor failed, what the fault scripts require to be 0).
/// </summary>
internal sealed record LoadRun(IReadOnlyList<LoadSample> Samples, int Sent, int Abandoned, int Lost);
