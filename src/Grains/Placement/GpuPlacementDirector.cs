using Ensemble.Grains.Abstractions.Models;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Ensemble.Grains.Placement;

/// <summary>
/// Places model grains on GPU silos, least loaded first, where load is the activations this director placed there
/// per GPU. Replicas of one model (hedging targets) go to different silos when there is a choice, so that one silo
/// dying never takes every copy of a model. With no GPU silo in the cluster every silo counts as a CPU slot.
/// Placement runs on the calling silo; the registry warms all model grains of a manifest from one place, so one
/// director sees the whole set.
/// </summary>
public sealed class GpuPlacementDirector(ISiloMetadataCache metadata) : IPlacementDirector
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, int> _placed = [];
    private readonly Dictionary<string, HashSet<SiloAddress>> _modelSilos = new(StringComparer.Ordinal);
    private readonly Dictionary<(SiloAddress, int), int> _placedReplicas = [];

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (compatible.Length == 0)
            throw new OrleansException($"no compatible silo for {target.GrainIdentity}");
        var slots = compatible
            .Select(silo => (Silo: silo, Gpus: GpuInventory.FromMetadata(metadata.GetSiloMetadata(silo).Metadata).Devices.Count))
            .ToList();
        if (slots.Any(s => s.Gpus > 0))
            slots.RemoveAll(s => s.Gpus == 0);
        else
            slots = slots.Select(s => (s.Silo, Gpus: 1)).ToList();
        var (modelKey, replica) = ModelKeyOf(target);
        lock (_lock)
        {
            var taken = modelKey is not null && _modelSilos.TryGetValue(modelKey, out var set) ? set : null;
            var chosen = slots
                .OrderBy(s => taken?.Contains(s.Silo) == true ? 1 : 0)
                .ThenBy(s => (double)_placed.GetValueOrDefault(s.Silo) / s.Gpus)
                .ThenBy(s => _placedReplicas.GetValueOrDefault((s.Silo, replica))) // primaries (replica 0) spread too
                .ThenBy(s => s.Silo.ToString(), StringComparer.Ordinal)
                .First().Silo;
            _placed[chosen] = _placed.GetValueOrDefault(chosen) + 1;
            _placedReplicas[(chosen, replica)] = _placedReplicas.GetValueOrDefault((chosen, replica)) + 1;
            if (modelKey is not null)
            {
                if (!_modelSilos.TryGetValue(modelKey, out var silos))
                    _modelSilos[modelKey] = silos = [];
                silos.Add(chosen);
            }
            return Task.FromResult(chosen);
        }
    }

    private static (string? ModelKey, int Replica) ModelKeyOf(PlacementTarget target)
    {
        var key = target.GrainIdentity.Key.ToString();
        try
        {
            var (version, modelId, replica) = ModelGrainKey.Parse(key);
            return ($"{version}/{modelId}", replica);
        }
        catch (FormatException)
        {
            return (null, 0);
        }
    }
}
