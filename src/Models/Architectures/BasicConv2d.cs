using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>torchvision's Inception BasicConv2d: conv (no bias) → batch norm (eps 0.001) → ReLU; names conv / bn.</summary>
public sealed class BasicConv2d : nn.Module<Tensor, Tensor>
{
    public const double BatchNormEpsilon = 0.001;

    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    public BasicConv2d(string name, long inChannels, long outChannels, (long, long) kernel, (long, long)? stride = null, (long, long)? padding = null)
        : base(name)
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride ?? (1, 1), padding: padding ?? (0, 0), bias: false);
        bn = nn.BatchNorm2d(outChannels, eps: BatchNormEpsilon);
        RegisterComponents();
    }

    public BasicConv2d(string name, long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0)
        : this(name, inChannels, outChannels, (kernel, kernel), (stride, stride), (padding, padding))
    {
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(nn.functional.relu(bn.forward(conv.forward(x))));
    }
}
