namespace Ensemble.Grains.Training;

/// <summary>Trainer grains: on the silo their key names, nowhere else.</summary>
[GenerateSerializer, Immutable]
public sealed class TrainerPlacementStrategy : PlacementStrategy
{
    public static TrainerPlacementStrategy Instance { get; } = new();
}
