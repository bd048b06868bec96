using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// Inverted dropout (nn.Dropout's training behaviour) whose mask comes from a given <see cref="Generator"/>:
/// nn.Dropout only draws from libtorch's process-wide default generator. The mask is drawn on the CPU and moved to
/// the input's device, so the generator is a CPU one and a seed gives the same masks on every device (the masks are
/// [B, features] of the heads: small). No parameters or buffers, so state dicts and ONNX exports are unchanged.
/// A null generator falls back to libtorch's default one (models loaded from a file for inference, which never draw).
/// </summary>
public sealed class GeneratorDropout : nn.Module<Tensor, Tensor>
{
    private readonly Generator? _generator;

    public GeneratorDropout(double probability, Generator? generator) : base(nameof(GeneratorDropout))
    {
        if (!(probability is >= 0 and < 1))
            throw new ArgumentException($"dropout probability must be in [0, 1), got {probability}", nameof(probability));
        Probability = probability;
        _generator = generator;
        RegisterComponents();
    }

    public double Probability { get; }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || Probability == 0)
            return input.alias();
        using var scope = NewDisposeScope();
        var keep = 1 - Probability;
        var mask = empty(input.shape, float32).bernoulli_(keep, _generator).div_(keep).to(input.dtype).to(input.device);
        return scope.MoveToOuter(input * mask);
    }
}
