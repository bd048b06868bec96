using System.Collections.Concurrent;

namespace Ensemble.Grains.Inference;

/// <summary>
/// One dedicated thread per device: model loading and forward passes run there, never on the Orleans scheduler, and
/// two models on one GPU never contend for it at the same time.
/// </summary>
public sealed class DeviceWorkerPool : IDisposable
{
    private readonly ConcurrentDictionary<string, DeviceWorker> _workers = new(StringComparer.Ordinal);
    private bool _disposed;

    public Task<T> RunAsync<T>(string device, Func<T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _workers.GetOrAdd(device, d => new DeviceWorker(d)).RunAsync(work);
    }

    /// <summary>Work items waiting or running on <paramref name="device"/> (for the queue-depth metric).</summary>
    public int QueueLength(string device) => _workers.TryGetValue(device, out var worker) ? worker.QueueLength : 0;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var worker in _workers.Values)
            worker.Dispose();
    }

    private sealed class DeviceWorker : IDisposable
    {
        private readonly BlockingCollection<Action> _queue = [];
        private readonly Thread _thread;

        public DeviceWorker(string device)
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = $"ensemble-device-{device}" };
            _thread.Start();
        }

        public int QueueLength => _queue.Count;

        public Task<T> RunAsync<T>(Func<T> work)
        {
            var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _queue.Add(() =>
            {
                try
                {
                    completion.SetResult(work());
                }
#pragma warning disable CA1031 // Not swallowed: whatever the work throws is handed to the caller awaiting the task.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    completion.SetException(e);
                }
            });
            return completion.Task;
        }

        private void Loop()
        {
            foreach (var item in _queue.GetConsumingEnumerable())
                item();
        }

        // No join: a forward pass stuck in a driver must not hang silo shutdown; the thread is a background one.
        public void Dispose() => _queue.CompleteAdding();
    }
}
