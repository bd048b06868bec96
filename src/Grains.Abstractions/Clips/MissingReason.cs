namespace Ensemble.Grains.Abstractions.Clips;

/// <summary>Why a model's scores are not in a partial blend.</summary>
[GenerateSerializer]
public enum MissingReason
{
    /// <summary>It had not answered when the clip's deadline passed.</summary>
    Late = 0,

    /// <summary>Its call failed (the message says how) before the deadline.</summary>
    Failed = 1,
}
