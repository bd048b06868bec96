using System.Collections.Concurrent;

namespace Ensemble.Cli.Load;

/// <summary>
/// Concurrency mode: each of <see cref="LoadOptions.Clients"/> loops sends the next clip (round robin over the folder)
/// as soon as its previous answer arrives, until warm-up + duration have passed or the caller cancels. Every finished
/// request becomes a <see cref="LoadSample"/>, failures included, with the error's kind.
/// </summary>
internal sealed class LoadGenerator(ILoadTarget target, IReadOnlyList<LoadClip> clips, LoadOptions options, TimeProvider time)
{
    public async Task<LoadRun> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(clips.Count);
        var started = time.GetTimestamp();
        var end = options.Warmup + options.Duration;
        var samples = new ConcurrentQueue<LoadSample>();
        int sent = 0, inFlight = 0, abandoned = 0;

        async Task ClientLoopAsync()
        {
            while (!cancellationToken.IsCancellationRequested && time.GetElapsedTime(started) < end)
            {
                var clip = clips[(int)((uint)(Interlocked.Increment(ref sent) - 1) % (uint)clips.Count)];
                Interlocked.Increment(ref inFlight);
                var requestStarted = time.GetTimestamp();
                var attempts = 0;
                LoadAnswer? answer = null;
                string? error = null;
                try
                {
                    answer = await target.SendAsync(clip, () => Interlocked.Increment(ref attempts), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Decrement(ref inFlight);
                    Interlocked.Increment(ref abandoned);
                    return;
                }
#pragma warning disable CA1031 // Not swallowed: every failure is counted by its kind and reported.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    error = KindOf(e);
                }
                samples.Enqueue(new LoadSample(time.GetElapsedTime(started), time.GetElapsedTime(requestStarted).TotalMilliseconds, answer, error, attempts));
                Interlocked.Decrement(ref inFlight);
            }
        }

        // A request that never returns must not hold the run (and its report) forever: past the grace it is lost. The
        // deadline counts from the start, so it is set before the first request can take any time.
        var graceOver = Task.Delay(end + LoadOptions.Grace, time, CancellationToken.None);
        var loops = Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(ClientLoopAsync, CancellationToken.None)));
        var lost = await Task.WhenAny(loops, graceOver) == loops ? 0 : Volatile.Read(ref inFlight);
        return new LoadRun([.. samples.OrderBy(s => s.FinishedAt)], Volatile.Read(ref sent), Volatile.Read(ref abandoned), lost);
    }

    /// <summary>The kind an error is counted under: an HTTP status, or the exception's type.</summary>
    public static string KindOf(Exception error) => error switch
    {
        LoadHttpException http => $"HTTP {(int)http.Status}",
        _ => error.GetType().Name,
    };
}
