namespace Ensemble.Cli.Load;

/// <summary>
/// Every request of a run, warm-up included: sent = answered + failed + abandoned (stopped by the caller) + lost (no
/// answer and no error within the grace). Retried: attempts beyond the first, made by the client library.
/// </summary>
internal sealed record LoadTally(int Sent, int Answered, int Partial, int Retried, int Failed, int Abandoned, int Lost)
{
    public static LoadTally Of(LoadRun run) => new(
        run.Sent,
        run.Samples.Count(s => s.Succeeded),
        run.Samples.Count(s => s.Answer is { IsPartial: true }),
        run.Samples.Sum(s => Math.Max(0, s.Attempts - 1)),
        run.Samples.Count(s => !s.Succeeded),
        run.Abandoned,
        run.Lost);
}
