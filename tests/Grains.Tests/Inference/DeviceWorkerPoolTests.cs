using Ensemble.Grains.Inference;

namespace Ensemble.Grains.Tests.Inference;

public sealed class DeviceWorkerPoolTests
{
    [Fact]
    public async Task Each_device_has_one_dedicated_thread()
    {
        using var pool = new DeviceWorkerPool();
        var a1 = await pool.RunAsync("cuda:0", () => Environment.CurrentManagedThreadId);
        var a2 = await pool.RunAsync("cuda:0", () => Environment.CurrentManagedThreadId);
        var b = await pool.RunAsync("cuda:1", () => Environment.CurrentManagedThreadId);
        Assert.Equal(a1, a2);
        Assert.NotEqual(a1, b);
        Assert.Equal("ensemble-device-cuda:0", await pool.RunAsync("cuda:0", () => Thread.CurrentThread.Name));
    }

    [Fact]
    public async Task Exceptions_reach_the_caller() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => new DeviceWorkerPool().RunAsync<int>("cpu", () => throw new InvalidOperationException("boom")));
}
