using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// torchvision's Inception3 without the auxiliary head, field for field, so a PyTorch state dict converted to
/// TorchSharp's format loads by name (Conv2d_1a_3x3.conv.weight … fc.bias). Input [B, C, mels, frames]: a 1-channel
/// batch fed to the 3-channel variant is repeated to 3 channels here (transform_input stays off).
/// </summary>
public sealed class InceptionV3 : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d Conv2d_1a_3x3;
    private readonly BasicConv2d Conv2d_2a_3x3;
    private readonly BasicConv2d Conv2d_2b_3x3;
    private readonly MaxPool2d maxpool1;
    private readonly BasicConv2d Conv2d_3b_1x1;
    private readonly BasicConv2d Conv2d_4a_3x3;
    private readonly MaxPool2d maxpool2;
    private readonly InceptionA Mixed_5b;
    private readonly InceptionA Mixed_5c;
    private readonly InceptionA Mixed_5d;
    private readonly InceptionB Mixed_6a;
    private readonly InceptionC Mixed_6b;
    private readonly InceptionC Mixed_6c;
    private readonly InceptionC Mixed_6d;
    private readonly InceptionC Mixed_6e;
    private readonly InceptionD Mixed_7a;
    private readonly InceptionE Mixed_7b;
    private readonly InceptionE Mixed_7c;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly GeneratorDropout dropout;
    private readonly Linear fc;

    /// <param name="generator">Draws the initial weights and the dropout masks; null: libtorch's default generator (for
    /// weights loaded from a file).</param>
    public InceptionV3(InceptionV3Options options, Generator? generator = null) : base(nameof(InceptionV3))
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        // Channel counts are torchvision's times the width multiplier (1 gives torchvision's network exactly); each
        // block's input is the previous block's concatenated output.
        var w = new ChannelWidth(options.WidthMultiplier);
        Conv2d_1a_3x3 = new BasicConv2d(nameof(Conv2d_1a_3x3), options.InputChannels, w.Scale(32), 3, stride: 2);
        Conv2d_2a_3x3 = new BasicConv2d(nameof(Conv2d_2a_3x3), w.Scale(32), w.Scale(32), 3);
        Conv2d_2b_3x3 = new BasicConv2d(nameof(Conv2d_2b_3x3), w.Scale(32), w.Scale(64), 3, padding: 1);
        maxpool1 = nn.MaxPool2d(3, 2);
        Conv2d_3b_1x1 = new BasicConv2d(nameof(Conv2d_3b_1x1), w.Scale(64), w.Scale(80), 1);
        Conv2d_4a_3x3 = new BasicConv2d(nameof(Conv2d_4a_3x3), w.Scale(80), w.Scale(192), 3);
        maxpool2 = nn.MaxPool2d(3, 2);
        Mixed_5b = new InceptionA(nameof(Mixed_5b), w.Scale(192), 32, w);
        Mixed_5c = new InceptionA(nameof(Mixed_5c), Mixed_5b.OutChannels, 64, w);
        Mixed_5d = new InceptionA(nameof(Mixed_5d), Mixed_5c.OutChannels, 64, w);
        Mixed_6a = new InceptionB(nameof(Mixed_6a), Mixed_5d.OutChannels, w);
        Mixed_6b = new InceptionC(nameof(Mixed_6b), Mixed_6a.OutChannels, 128, w);
        Mixed_6c = new InceptionC(nameof(Mixed_6c), Mixed_6b.OutChannels, 160, w);
        Mixed_6d = new InceptionC(nameof(Mixed_6d), Mixed_6c.OutChannels, 160, w);
        Mixed_6e = new InceptionC(nameof(Mixed_6e), Mixed_6d.OutChannels, 192, w);
        Mixed_7a = new InceptionD(nameof(Mixed_7a), Mixed_6e.OutChannels, w);
        Mixed_7b = new InceptionE(nameof(Mixed_7b), Mixed_7a.OutChannels, w);
        Mixed_7c = new InceptionE(nameof(Mixed_7c), Mixed_7b.OutChannels, w);
        avgpool = nn.AdaptiveAvgPool2d((1, 1));
        dropout = new GeneratorDropout(options.Dropout, generator);
        fc = nn.Linear(Mixed_7c.OutChannels, options.Classes);
        RegisterComponents();
        if (generator is not null)
            DefaultInitialization.Reset(this, generator); // fc.bias keeps PyTorch's default, as in torchvision
        InitializeLikeTorchvision(generator);
    }

    public InceptionV3Options Options { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        if (x.dim() != 4 || x.shape[2] < InceptionV3Options.MinimumSide || x.shape[3] < InceptionV3Options.MinimumSide)
            throw new ArgumentException($"InceptionV3 expects [B, C, ≥{InceptionV3Options.MinimumSide}, ≥{InceptionV3Options.MinimumSide}], got [{string.Join(", ", x.shape)}]", nameof(x));
        if (x.shape[1] == 1 && Options.InputChannels == 3)
            x = x.repeat(1, 3, 1, 1);
        else if (x.shape[1] != Options.InputChannels)
            throw new ArgumentException($"InceptionV3 with {Options.InputChannels} input channel(s) got {x.shape[1]}", nameof(x));
        x = maxpool1.forward(Conv2d_2b_3x3.forward(Conv2d_2a_3x3.forward(Conv2d_1a_3x3.forward(x))));
        x = maxpool2.forward(Conv2d_4a_3x3.forward(Conv2d_3b_1x1.forward(x)));
        x = Mixed_5d.forward(Mixed_5c.forward(Mixed_5b.forward(x)));
        x = Mixed_6e.forward(Mixed_6d.forward(Mixed_6c.forward(Mixed_6b.forward(Mixed_6a.forward(x)))));
        x = Mixed_7c.forward(Mixed_7b.forward(Mixed_7a.forward(x)));
        x = dropout.forward(avgpool.forward(x)).flatten(1);
        return scope.MoveToOuter(fc.forward(x));
    }

    // torchvision's init_weights=True is trunc_normal_(std 0.1, a=-2, b=2). The cut sits at ±20 σ, so it never
    // binds: a plain normal draw, clamped for form, has the same distribution. TorchSharp 0.107's trunc_normal_
    // returns non-finite values now and then for such far bounds (erfinv of ±1), so it is not used.
    private void InitializeLikeTorchvision(Generator? generator)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in named_modules())
        {
            var weight = module switch
            {
                Conv2d conv => conv.weight,
                Linear linear => linear.weight,
                _ => null,
            };
            if (weight is null)
                continue;
            weight.normal_(0.0, InceptionV3Options.InitStd, generator);
            weight.clamp_(-InceptionV3Options.InitBound, InceptionV3Options.InitBound);
        }
    }
}
