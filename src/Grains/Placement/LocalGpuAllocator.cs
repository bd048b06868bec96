namespace Ensemble.Grains.Placement;

/// <summary>
/// Pins each model activation of this silo to one GPU: the one with the fewest activations. Without GPUs every
/// activation gets the CPU. Leases are returned on deactivation.
/// </summary>
public sealed class LocalGpuAllocator(GpuInventory inventory)
{
    public const string CpuDevice = "cpu";

    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _leases = inventory.Devices.ToDictionary(d => d.Index, _ => 0);

    public GpuInventory Inventory { get; } = inventory;

    public DeviceAssignment Acquire()
    {
        if (!Inventory.HasGpus)
            return new DeviceAssignment(CpuDevice, CpuDevice, null);
        lock (_lock)
        {
            var index = _leases.OrderBy(l => l.Value).ThenBy(l => l.Key).First().Key;
            _leases[index]++;
            return Inventory.Simulated
                ? new DeviceAssignment($"sim-cuda:{index}", CpuDevice, index)
                : new DeviceAssignment($"cuda:{index}", $"cuda:{index}", index);
        }
    }

    public void Release(DeviceAssignment assignment)
    {
        if (assignment.GpuIndex is not { } index)
            return;
        lock (_lock)
        {
            if (_leases.TryGetValue(index, out var count) && count > 0)
                _leases[index] = count - 1;
        }
    }

    /// <summary>Activations pinned to each GPU index (for tests and the dashboard).</summary>
    public IReadOnlyDictionary<int, int> Leases()
    {
        lock (_lock)
            return new Dictionary<int, int>(_leases);
    }
}
