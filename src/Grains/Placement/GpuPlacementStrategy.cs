namespace Ensemble.Grains.Placement;

/// <summary>Model grains: only on silos that advertise GPUs (any silo when none does), spread by load.</summary>
[GenerateSerializer, Immutable]
public sealed class GpuPlacementStrategy : PlacementStrategy
{
    public static GpuPlacementStrategy Instance { get; } = new();
}
