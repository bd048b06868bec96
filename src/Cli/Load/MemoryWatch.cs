using System.Collections.Concurrent;

namespace Ensemble.Cli.Load;

/// <summary>Reads the watched processes' resident memory every interval until disposed (a TimeProvider timer).</summary>
internal sealed class MemoryWatch : IDisposable
{
    private readonly IReadOnlyDictionary<string, Func<long>> _processes;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ConcurrentQueue<MemorySample> _samples = new();
    private readonly ITimer _timer;

    public MemoryWatch(IReadOnlyDictionary<string, Func<long>> processes, TimeSpan interval, TimeProvider time)
    {
        _processes = processes;
        _time = time;
        _started = time.GetTimestamp();
        Sample();
        _timer = time.CreateTimer(_ => Sample(), null, interval, interval);
    }

    public IReadOnlyList<MemorySample> Samples => [.. _samples.OrderBy(s => s.At)];

    /// <summary>The first reading error, if a watched process went away (the run reports it instead of a silent gap).</summary>
    public string? Problem { get; private set; }

    public void Dispose()
    {
        _timer.Dispose();
        Sample();
    }

    private void Sample()
    {
        var at = _time.GetElapsedTime(_started);
        foreach (var (name, read) in _processes)
        {
            try
            {
                _samples.Enqueue(new MemorySample(at, name, read()));
            }
            catch (InvalidOperationException e)
            {
                Problem ??= e.Message;
            }
        }
    }
}
