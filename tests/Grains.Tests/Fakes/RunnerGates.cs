using System.Collections.Concurrent;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>
/// Holds test runners inside Run: a gate blocks one silo ("*" for all) and model id ("*" for all) until released;
/// its <see cref="Gate.Entered"/> fires when a run is held, so a test knows a request is in flight there. A fault makes
/// every run of one model fail until cleared.
/// </summary>
public sealed class RunnerGates : IDisposable
{
    private readonly ConcurrentDictionary<Gate, byte> _gates = new();
    private readonly ConcurrentDictionary<string, string> _faults = new(StringComparer.Ordinal);

    public void Fault(string model, string message) => _faults[model] = message;

    public void ClearFault(string model) => _faults.TryRemove(model, out _);

    public Gate Block(string silo, string model)
    {
        var gate = new Gate(silo, model);
        _gates[gate] = 0;
        return gate;
    }

    public void Pass(string silo, string model)
    {
        if (_faults.TryGetValue(model, out var message))
            throw new InvalidOperationException(message);
        foreach (var gate in _gates.Keys)
        {
            if (!gate.IsOpen && (gate.Silo == "*" || gate.Silo == silo) && (gate.Model == "*" || gate.Model == model))
                gate.Hold();
        }
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Keys)
            gate.Release();
    }

    public sealed class Gate(string silo, string model)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Silo { get; } = silo;
        public string Model { get; } = model;
        public Task Entered => _entered.Task;
        public bool IsOpen => _open.Task.IsCompleted;

        internal void Hold()
        {
            _entered.TrySetResult();
            _open.Task.Wait(); // runners are synchronous: hold the calling (device) thread
        }

        public void Release() => _open.TrySetResult();
    }
}
