namespace Ensemble.Grains.Placement;

/// <summary>
/// Where one model activation runs: <see cref="Device"/> is what it reports ("cuda:1", "cpu", "sim-cuda:1"),
/// <see cref="RunnerDevice"/> what the runner is given (simulated GPUs run on "cpu").
/// </summary>
public sealed record DeviceAssignment(string Device, string RunnerDevice, int? GpuIndex);
