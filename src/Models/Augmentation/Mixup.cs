using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Augmentation;

/// <summary>The mixed batch, its mixed labels and the λ used.</summary>
public sealed record MixupResult(Tensor Inputs, Tensor Labels, double Lambda);

/// <summary>
/// One λ per batch, each sample mixed with a random partner (a permutation of the batch):
/// x' = λ·x + (1−λ)·x[perm], y' = λ·y + (1−λ)·y[perm].
/// </summary>
public sealed class Mixup(MixupOptions options, int seed)
{
    private readonly AugmentationRandom _random = new(seed);

    public MixupOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public double SampleLambda() => _random.Beta(Options.Alpha, Options.Alpha);

    public MixupResult Apply(Tensor inputs, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (inputs.dim() != 4)
            throw new ArgumentException($"inputs must be [B, C, F, T], got [{string.Join(", ", inputs.shape)}]", nameof(inputs));
        if (labels.dim() != 2 || labels.shape[0] != inputs.shape[0])
            throw new ArgumentException($"labels must be [B, classes] with B = {inputs.shape[0]}, got [{string.Join(", ", labels.shape)}]", nameof(labels));
        var lambda = SampleLambda();
        using var scope = NewDisposeScope();
        using var permutation = tensor(_random.Permutation((int)inputs.shape[0]), device: inputs.device);
        var mixedInputs = inputs * lambda + inputs.index_select(0, permutation) * (1 - lambda);
        var mixedLabels = labels * lambda + labels.index_select(0, permutation) * (1 - lambda);
        return new MixupResult(scope.MoveToOuter(mixedInputs), scope.MoveToOuter(mixedLabels), lambda);
    }
}
