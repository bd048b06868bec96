namespace Ensemble.Grains.Abstractions.Models;

/// <summary>Where a model grain lives and what it holds (the file it loaded: format and SHA-256): for placement tests, the dashboard and `ensemble silo` logs.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelGrainStatus(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Device,
    [property: Id(3)] int? GpuIndex,
    [property: Id(4)] string Sha256,
    [property: Id(5)] string Format);
