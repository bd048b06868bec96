namespace Ensemble.Grains.Placement;

/// <summary>One accelerator a silo offers: its CUDA index and total memory.</summary>
public sealed record GpuDevice(int Index, long MemoryMiB);
