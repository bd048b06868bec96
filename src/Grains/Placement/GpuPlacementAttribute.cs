using Orleans.Placement;

namespace Ensemble.Grains.Placement;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GpuPlacementAttribute() : PlacementAttribute(GpuPlacementStrategy.Instance);
