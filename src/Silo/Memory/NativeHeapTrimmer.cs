using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Silo.Memory;

/// <summary>
/// Trims the native heap every <paramref name="interval"/>. NativeMemoryTuning raises glibc's trim threshold so that
/// libtorch's large buffers stay in the heap, and so glibc never hands freed memory back by itself: in issue 13's soak
/// the featurising silo's resident memory grew 13-27 % in 5 minutes, all of it anonymous memory outside the managed
/// heap, about half of it glibc arenas keeping what threads had freed (docs/reliability.md). A trim takes
/// milliseconds; between two trims the heap still serves hot allocations from its free lists.
/// </summary>
internal sealed partial class NativeHeapTrimmer(INativeHeap heap, TimeSpan interval, TimeProvider time, ILogger<NativeHeapTrimmer> logger)
    : BackgroundService
{
    // Made here, not in ExecuteAsync (which the host starts on another thread): ticks due before the loop first waits are kept.
    private readonly PeriodicTimer _timer = new(interval, time);

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _timer.WaitForNextTickAsync(stoppingToken))
        {
            var before = Environment.WorkingSet;
            var released = heap.Trim();
            LogTrimmed(released, before >> 20, Environment.WorkingSet >> 20);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Native heap trimmed (released: {Released}): resident {BeforeMiB} -> {AfterMiB} MiB")]
    private partial void LogTrimmed(bool released, long beforeMiB, long afterMiB);
}
