using System.Buffers;

namespace Ensemble.Grains.Inference;

/// <summary>
/// Coalesces the crops of concurrent requests into one forward pass. One batch runs at a time. A request that finds
/// the device idle leaves at once (waiting for company would only add latency: issue 14); requests that arrive while
/// a batch runs queue and leave together once it is done and the batch is full or the oldest has waited the maximum
/// queue delay. Time comes from <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// Crops travel as the request's own float32 bytes: a batch of one request runs on them as they are, and a batch of
/// several is copied once into a pooled buffer (each copy of a clip's 20 crops was a 1.3 MB large-object allocation,
/// three per request before: issue 13's soak, issue 14 item 2).
/// </summary>
public sealed class DynamicBatcher : IDisposable
{
    /// <summary>Runs crops [count × valuesPerCrop] (float32 bytes, valid until the task completes) and returns logits [count × classes].</summary>
    public delegate Task<float[]> BatchRunner(ReadOnlyMemory<byte> cropBytes, int cropCount);

    private readonly BatchingOptions _options;
    private readonly int _valuesPerCrop;
    private readonly int _classCount;
    private readonly BatchRunner _run;
    private readonly TimeProvider _time;
    private readonly Action<int>? _onBatch;
    private readonly Lock _lock = new();
    private readonly Queue<Pending> _pending = new();
    private int _pendingCrops;
    private bool _running;
    private ITimer? _timer;
    private bool _disposed;

    public DynamicBatcher(BatchingOptions options, int valuesPerCrop, int classCount, BatchRunner run, TimeProvider time, Action<int>? onBatch = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(valuesPerCrop);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        _options = options;
        _valuesPerCrop = valuesPerCrop;
        _classCount = classCount;
        _run = run;
        _time = time;
        _onBatch = onBatch;
    }

    /// <summary>Requests (not crops) waiting for a batch.</summary>
    public int QueueDepth
    {
        get
        {
            lock (_lock)
                return _pending.Count;
        }
    }

    /// <param name="cropBytes">float32 values, not copied: the caller leaves them unchanged until the task completes
    /// (a grain's immutable request message does).</param>
    public Task<BatchedResult> SubmitAsync(ReadOnlyMemory<byte> cropBytes, int cropCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropCount);
        if (cropBytes.Length != (long)cropCount * _valuesPerCrop * sizeof(float))
            throw new ArgumentException($"{cropBytes.Length} bytes is not {cropCount} crops of {_valuesPerCrop} float32 values", nameof(cropBytes));
        var request = new Pending(cropBytes, cropCount, _time.GetTimestamp());
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.Enqueue(request);
            _pendingCrops += cropCount;
            TryDispatchLocked(deviceIdle: !_running);
        }
        return request.Completion.Task;
    }

    /// <param name="deviceIdle">A request arrived while no batch runs: it (and anything still queued) leaves now.</param>
    private void TryDispatchLocked(bool deviceIdle = false)
    {
        if (_running || _pending.Count == 0 || _disposed)
            return;
        var waited = _time.GetElapsedTime(_pending.Peek().EnqueuedTimestamp);
        if (!deviceIdle && _pendingCrops < _options.MaxBatchCrops && waited < _options.MaxQueueDelay)
        {
            _timer ??= _time.CreateTimer(_ => OnTimer(), null, _options.MaxQueueDelay - waited, Timeout.InfiniteTimeSpan);
            return;
        }
        _timer?.Dispose();
        _timer = null;
        var batch = new List<Pending>();
        var crops = 0;
        while (_pending.Count > 0 && (batch.Count == 0 || crops + _pending.Peek().CropCount <= _options.MaxBatchCrops))
        {
            var next = _pending.Dequeue();
            batch.Add(next);
            crops += next.CropCount;
        }
        _pendingCrops -= crops;
        _running = true;
        _ = RunBatchAsync(batch, crops);
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            TryDispatchLocked();
        }
    }

    private async Task RunBatchAsync(List<Pending> batch, int crops)
    {
        var dispatched = _time.GetTimestamp();
        byte[]? pooled = null;
        try
        {
            ReadOnlyMemory<byte> input;
            if (batch.Count == 1)
            {
                input = batch[0].CropBytes;
            }
            else
            {
                var length = crops * _valuesPerCrop * sizeof(float);
                pooled = ArrayPool<byte>.Shared.Rent(length);
                var offset = 0;
                foreach (var request in batch)
                {
                    request.CropBytes.CopyTo(pooled.AsMemory(offset));
                    offset += request.CropBytes.Length;
                }
                input = pooled.AsMemory(0, length);
            }
            _onBatch?.Invoke(crops);
            var logits = await _run(input, crops).ConfigureAwait(false);
            if (logits.Length != crops * _classCount)
                throw new InvalidOperationException($"model returned {logits.Length} logits for {crops} crops of {_classCount} classes");
            var inference = _time.GetElapsedTime(dispatched);
            var row = 0;
            foreach (var request in batch)
            {
                var share = logits.AsSpan(row * _classCount, request.CropCount * _classCount).ToArray();
                row += request.CropCount;
                request.Completion.SetResult(new BatchedResult(share, crops, _time.GetElapsedTime(request.EnqueuedTimestamp, dispatched), inference));
            }
        }
#pragma warning disable CA1031 // Not swallowed: a failed batch fails every request in it, with the exception itself.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var request in batch)
                request.Completion.TrySetException(e);
        }
        finally
        {
            if (pooled is not null)
                ArrayPool<byte>.Shared.Return(pooled);
            lock (_lock)
            {
                _running = false;
                TryDispatchLocked();
            }
        }
    }

    /// <summary>Completes when nothing is queued or running: graceful shutdown waits for this before disposing.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10), _time);
        while (true)
        {
            lock (_lock)
            {
                if (!_running && _pending.Count == 0)
                    return;
            }
            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _timer?.Dispose();
            while (_pending.Count > 0)
                _pending.Dequeue().Completion.TrySetException(new ObjectDisposedException(nameof(DynamicBatcher), "model is shutting down"));
        }
    }

    private sealed record Pending(ReadOnlyMemory<byte> CropBytes, int CropCount, long EnqueuedTimestamp)
    {
        public TaskCompletionSource<BatchedResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
