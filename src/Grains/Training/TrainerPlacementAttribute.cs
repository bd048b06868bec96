using Orleans.Placement;

namespace Ensemble.Grains.Training;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TrainerPlacementAttribute() : PlacementAttribute(TrainerPlacementStrategy.Instance);
