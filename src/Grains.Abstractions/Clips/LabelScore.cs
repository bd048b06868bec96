namespace Ensemble.Grains.Abstractions.Clips;

[GenerateSerializer, Immutable]
public sealed record LabelScore([property: Id(0)] string Label, [property: Id(1)] float Score);
