using System.Runtime.InteropServices;
using Ensemble.Grains.Inference;
using Microsoft.Extensions.Time.Testing;

namespace Ensemble.Grains.Tests.Inference;

public sealed class DynamicBatcherTests
{
    private const int Values = 2;
    private const int Classes = 1;

    /// <summary>Logit of a crop = its first value; records each batch size; completes when the test says so.</summary>
    private sealed class Device
    {
        public List<int> Batches { get; } = [];
        public List<ReadOnlyMemory<byte>> Inputs { get; } = [];
        public TaskCompletionSource? Hold { get; set; }

        public async Task<float[]> Run(ReadOnlyMemory<byte> cropBytes, int count)
        {
            Batches.Add(count);
            Inputs.Add(cropBytes);
            var firsts = Enumerable.Range(0, count).Select(i => MemoryMarshal.Cast<byte, float>(cropBytes.Span)[i * Values]).ToArray();
            if (Hold is { } hold)
                await hold.Task;
            return firsts;
        }
    }

    /// <summary>Crops whose first value is given (the second is 0), as the float32 bytes a request carries.</summary>
    private static byte[] Crops(params float[] firsts) => MemoryMarshal.AsBytes(firsts.SelectMany(f => new[] { f, 0f }).ToArray().AsSpan()).ToArray();

    [Fact]
    public async Task A_request_that_finds_the_device_idle_runs_at_once()
    {
        var time = new FakeTimeProvider();
        var device = new Device();
        using var batcher = new DynamicBatcher(new BatchingOptions(8, TimeSpan.FromSeconds(1)), Values, Classes, device.Run, time);
        var answer = await batcher.SubmitAsync(Crops(1, 2), 2);
        Assert.Equal([2], device.Batches);
        Assert.Equal(new[] { 1f, 2f }, answer.Logits);
        Assert.Equal(TimeSpan.Zero, answer.QueueWait);
    }

    [Fact]
    public async Task Requests_queued_behind_a_batch_wait_out_the_max_queue_delay_unless_full_or_the_device_goes_idle()
    {
        var time = new FakeTimeProvider();
        var device = new Device { Hold = new TaskCompletionSource() };
        using var batcher = new DynamicBatcher(new BatchingOptions(4, TimeSpan.FromMilliseconds(5)), Values, Classes, device.Run, time);
        var running = batcher.SubmitAsync(Crops(0), 1);
        var queued = batcher.SubmitAsync(Crops(1), 1);
        time.Advance(TimeSpan.FromMilliseconds(1));
        ReleaseHold(device);
        await running;
        // The batch is done after 1 ms; the queued request (1 of 4 crops) waits for company until 5 ms (whenever the
        // batch's end runs, before or after the clock moves, nothing can dispatch it earlier).
        time.Advance(TimeSpan.FromMilliseconds(3));
        Assert.False(queued.IsCompleted);
        Assert.Equal([1], device.Batches);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(5), (await queued).QueueWait);
        Assert.Equal([1, 1], device.Batches);

        // Behind a held batch again: a full queue leaves as soon as the batch is done, with no wait.
        device.Hold = new TaskCompletionSource();
        var held = batcher.SubmitAsync(Crops(2), 1);
        var full = batcher.SubmitAsync(Crops(3, 3, 3, 3), 4);
        ReleaseHold(device);
        await held;
        Assert.Equal(new[] { 3f, 3f, 3f, 3f }, (await full).Logits);
        Assert.Equal(TimeSpan.Zero, (await full).QueueWait);
        Assert.Equal([1, 1, 1, 4], device.Batches);
    }

    private static void ReleaseHold(Device device)
    {
        var hold = device.Hold!;
        device.Hold = null;
        hold.SetResult();
    }

    [Fact]
    public async Task A_full_batch_leaves_at_once_and_requests_get_their_own_rows()
    {
        var time = new FakeTimeProvider();
        var device = new Device { Hold = new TaskCompletionSource() };
        using var batcher = new DynamicBatcher(new BatchingOptions(4, TimeSpan.FromSeconds(1)), Values, Classes, device.Run, time);
        var running = batcher.SubmitAsync(Crops(0), 1);
        var first = batcher.SubmitAsync(Crops(1, 2), 2);
        var second = batcher.SubmitAsync(Crops(3, 4), 2);
        ReleaseHold(device);
        await running;
        Assert.Equal(new[] { 1f, 2f }, (await first).Logits);
        Assert.Equal(new[] { 3f, 4f }, (await second).Logits);
        Assert.Equal([1, 4], device.Batches);
        Assert.Equal(TimeSpan.Zero, (await second).QueueWait);
    }

    [Fact]
    public async Task Requests_arriving_during_a_batch_leave_together_and_are_never_split()
    {
        var time = new FakeTimeProvider();
        var device = new Device { Hold = new TaskCompletionSource() };
        using var batcher = new DynamicBatcher(new BatchingOptions(5, TimeSpan.Zero), Values, Classes, device.Run, time);
        var running = batcher.SubmitAsync(Crops(0), 1);
        var queued = new[] { batcher.SubmitAsync(Crops(1, 1), 2), batcher.SubmitAsync(Crops(2, 2), 2), batcher.SubmitAsync(Crops(3, 3), 2) };
        Assert.Equal([1], device.Batches);
        Assert.Equal(3, batcher.QueueDepth);
        var hold = device.Hold;
        device.Hold = null;
        hold.SetResult();
        await running;
        var answers = await Task.WhenAll(queued);
        Assert.Equal([1, 4, 2], device.Batches); // 2+2 fit in 5, the third pair waits for the next batch
        Assert.Equal(new[] { 3f, 3f }, answers[2].Logits);
        Assert.Equal(4, answers[0].BatchCrops);
    }

    [Fact]
    public async Task A_failing_forward_pass_fails_its_requests_not_later_ones()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        using var batcher = new DynamicBatcher(new BatchingOptions(1, TimeSpan.Zero), Values, Classes,
            (crops, count) => ++calls == 1 ? throw new InvalidOperationException("device lost") : Task.FromResult(new float[count]), time);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SubmitAsync(Crops(1), 1));
        Assert.Equal(new[] { 0f }, (await batcher.SubmitAsync(Crops(2), 1)).Logits);
    }

    [Fact]
    public void Wrong_crop_length_is_rejected()
    {
        using var batcher = new DynamicBatcher(new BatchingOptions(1, TimeSpan.Zero), Values, Classes, (c, n) => Task.FromResult(new float[n]), TimeProvider.System);
        Assert.Throws<ArgumentException>(() => { _ = batcher.SubmitAsync(new byte[3 * sizeof(float)], 1); });
    }

    [Fact]
    public async Task A_lone_request_runs_on_its_own_bytes_and_a_batch_of_several_on_one_copy()
    {
        var time = new FakeTimeProvider();
        var device = new Device { Hold = new TaskCompletionSource() };
        using var batcher = new DynamicBatcher(new BatchingOptions(8, TimeSpan.Zero), Values, Classes, device.Run, time);
        var lone = Crops(1, 2);
        var running = batcher.SubmitAsync(lone, 2);
        Assert.True(MemoryMarshal.TryGetArray(device.Inputs[0], out var given));
        Assert.Same(lone, given.Array); // not copied
        var first = Crops(3);
        var second = Crops(4, 5);
        var together = new[] { batcher.SubmitAsync(first, 1), batcher.SubmitAsync(second, 2) };
        ReleaseHold(device);
        await running;
        await Task.WhenAll(together);
        Assert.Equal([2, 3], device.Batches);
        Assert.Equal(new[] { 4f, 5f }, (await together[1]).Logits);
        Assert.Equal(first.Length + second.Length, device.Inputs[1].Length);
        Assert.True(MemoryMarshal.TryGetArray(device.Inputs[1], out var batch));
        Assert.NotSame(first, batch.Array);
        Assert.NotSame(second, batch.Array);
    }

    [Fact]
    public void Options_are_validated() =>
        Assert.Contains("MaxBatchCrops", Assert.Throws<ArgumentException>(() => new BatchingOptions(0, TimeSpan.Zero)).Message);
}
