namespace Ensemble.Bench;

/// <summary>Closed-loop concurrent callers: each takes the next request index (0 … total − 1) as soon as its last call returns.</summary>
internal static class BenchClients
{
    public static Task RunAsync(int clients, int total, Func<int, Task> call)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
                await call(i);
        }));
    }
}
