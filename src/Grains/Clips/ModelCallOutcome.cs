using Ensemble.Grains.Abstractions.Models;

namespace Ensemble.Grains.Clips;

/// <summary>A model grain's answer as the clip grain saw it: the result, the round trip and whether a hedge won.</summary>
internal sealed record ModelCallOutcome(ModelInferenceResult Result, double RoundTripMs, bool Hedged);
