namespace Ensemble.Models.Inference;

/// <summary>
/// The dtype <see cref="TorchModelRunner"/> runs a model in. TorchSharp has no autocast, so bf16 casts the whole module
/// and its inputs; normalisation runs in fp32 before the cast and the logits come back as fp32.
/// </summary>
public enum InferencePrecision
{
    Fp32,
    Bf16,
}
