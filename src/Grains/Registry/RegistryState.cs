using Ensemble.Grains.Abstractions.Manifests;

namespace Ensemble.Grains.Registry;

/// <summary>The registry's grain state: every manifest version it activated (model grains load from them) and the active one.</summary>
[GenerateSerializer]
public sealed class RegistryState
{
#pragma warning disable CA2227 // grain state: its one owner (the registry) edits the dictionary in place
    [Id(0)] public Dictionary<string, ServingManifest> Versions { get; set; } = []; // the default comparer, ordinal for strings: nothing extra to serialize
#pragma warning restore CA2227
    [Id(1)] public string? ActiveVersion { get; set; }
}
