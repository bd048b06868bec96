using Ensemble.Silo.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ensemble.Silo.Tests.Memory;

public sealed class NativeHeapTrimmerTests
{
    [Fact]
    public async Task Trims_once_per_interval_and_not_before_it()
    {
        var time = new FakeTimeProvider();
        var heap = new CountingHeap();
        var interval = TimeSpan.FromSeconds(30);
        using var trimmer = new NativeHeapTrimmer(heap, interval, time, NullLogger<NativeHeapTrimmer>.Instance);
        await trimmer.StartAsync(CancellationToken.None);

        time.Advance(interval - TimeSpan.FromSeconds(1));
        Assert.Equal(0, heap.Trims);
        time.Advance(TimeSpan.FromSeconds(1));
        await heap.TrimsDone(1);
        time.Advance(interval);
        await heap.TrimsDone(2);
        await trimmer.StopAsync(CancellationToken.None);

        time.Advance(interval * 3);
        Assert.Equal(2, heap.Trims);
    }

    [Fact]
    public void The_silo_trims_by_default_and_zero_turns_it_off()
    {
        Assert.True(SiloSettingsFor(null).NativeHeapTrimInterval > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, SiloSettingsFor(TimeSpan.Zero).NativeHeapTrimInterval);
        var error = Assert.Throws<ArgumentException>(() => SiloSettingsFor(TimeSpan.FromSeconds(-1)));
        Assert.Contains("NativeHeapTrimInterval", error.Message, StringComparison.Ordinal);
    }

    private static Ensemble.Silo.Hosting.SiloSettings SiloSettingsFor(TimeSpan? interval) =>
        new(null, Ensemble.Grains.Placement.GpuInventory.None, Ensemble.Client.ClusterEndpoint.Parse(Ensemble.Client.ClusterEndpoint.Localhost), nativeHeapTrimInterval: interval);

    /// <summary>Counts trims; each count has a task that completes once it is reached (a barrier, no sleeps).</summary>
    private sealed class CountingHeap : INativeHeap
    {
        private readonly TaskCompletionSource[] _done = [.. Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private int _trims;

        public int Trims => Volatile.Read(ref _trims);

        public Task TrimsDone(int count) => _done[count - 1].Task.WaitAsync(TimeSpan.FromSeconds(30)); // a bound, so a trimmer that never trims fails

        public bool Trim()
        {
            var count = Interlocked.Increment(ref _trims);
            _done[count - 1].TrySetResult();
            return true;
        }
    }
}
