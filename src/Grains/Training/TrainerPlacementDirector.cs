using Ensemble.Grains.Abstractions.Training;
using Orleans.Runtime.Placement;

namespace Ensemble.Grains.Training;

/// <summary>
/// Puts a trainer grain on the silo its key names (<see cref="TrainerKey"/>): a trainer drives that silo's device, so
/// when the silo is gone the grain may not come back anywhere else; its call fails and the coordinator's lease on the
/// job runs out instead.
/// </summary>
public sealed class TrainerPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString() ?? "";
        SiloAddress silo;
        try
        {
            silo = SiloAddress.FromParsableString(TrainerKey.Parse(key).Silo);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            throw new OrleansException($"trainer grain key '{key}' names no silo", e);
        }
        if (!context.GetCompatibleSilos(target).Contains(silo))
            throw new OrleansException($"trainer '{key}': its silo is not an active member of the cluster; a trainer never runs on another silo");
        return Task.FromResult(silo);
    }
}
