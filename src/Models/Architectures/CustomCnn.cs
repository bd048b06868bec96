using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// The 7th-place CustomCNN: five <see cref="CustomCnnBlock"/>s, then the RECIPE head. Input [B, 1, mels, frames], any
/// frames ≥ <see cref="CustomCnnOptions.MinimumFrames"/>. Global pooling (the kernel's exact pyramid is not public):
/// max + mean over frequency, then mean over time, so every crop width gives the same feature size.
/// </summary>
public sealed class CustomCnn : nn.Module<Tensor, Tensor>
{
    private readonly CustomCnnBlock block1;
    private readonly CustomCnnBlock block2;
    private readonly CustomCnnBlock block3;
    private readonly CustomCnnBlock block4;
    private readonly CustomCnnBlock block5;
    private readonly BatchNorm1d head_bn1;
    private readonly GeneratorDropout head_dropout1;
    private readonly Linear head_fc1;
    private readonly PReLU head_prelu;
    private readonly BatchNorm1d head_bn2;
    private readonly GeneratorDropout head_dropout2;
    private readonly Linear head_fc2;

    /// <param name="generator">Draws the initial weights and the dropout masks; null: libtorch's default generator (for
    /// weights loaded from a file).</param>
    public CustomCnn(CustomCnnOptions options, Generator? generator = null) : base(nameof(CustomCnn))
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var widths = options.BlockWidths;
        var pools = CustomCnnOptions.PoolKernels;
        block1 = new CustomCnnBlock("block1", CustomCnnOptions.InputChannels, widths[0], pools[0], options.ScseReduction);
        block2 = new CustomCnnBlock("block2", widths[0], widths[1], pools[1], options.ScseReduction);
        block3 = new CustomCnnBlock("block3", widths[1], widths[2], pools[2], options.ScseReduction);
        block4 = new CustomCnnBlock("block4", widths[2], widths[3], pools[3], options.ScseReduction);
        block5 = new CustomCnnBlock("block5", widths[3], widths[4], pools[4], options.ScseReduction);
        head_bn1 = nn.BatchNorm1d(widths[4]);
        head_dropout1 = new GeneratorDropout(options.HeadDropout1, generator);
        head_fc1 = nn.Linear(widths[4], options.HiddenUnits);
        head_prelu = nn.PReLU(1);
        head_bn2 = nn.BatchNorm1d(options.HiddenUnits);
        head_dropout2 = new GeneratorDropout(options.HeadDropout2, generator);
        head_fc2 = nn.Linear(options.HiddenUnits, options.Classes);
        RegisterComponents();
        if (generator is not null)
            DefaultInitialization.Reset(this, generator);
    }

    public CustomCnnOptions Options { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        if (x.dim() != 4 || x.shape[1] != CustomCnnOptions.InputChannels || x.shape[3] < CustomCnnOptions.MinimumFrames)
            throw new ArgumentException($"CustomCnn expects [B, 1, mels, frames ≥ {CustomCnnOptions.MinimumFrames}], got [{string.Join(", ", x.shape)}]", nameof(x));
        var y = block5.forward(block4.forward(block3.forward(block2.forward(block1.forward(x)))));
        var overFrequency = y.amax([2]) + y.mean([2]); // [B, C, T]
        var features = overFrequency.mean([2]); // [B, C]
        var h = head_fc1.forward(head_dropout1.forward(head_bn1.forward(features)));
        h = head_dropout2.forward(head_bn2.forward(head_prelu.forward(h)));
        return scope.MoveToOuter(head_fc2.forward(h));
    }
}
