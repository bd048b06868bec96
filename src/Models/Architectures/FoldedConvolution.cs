using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// A convolution followed by an eval-mode batch norm, as one convolution with a bias:
/// w' = w·γ/√(σ²+ε), b' = (b − μ)·γ/√(σ²+ε) + β (torch.nn.utils.fuse_conv_bn_weights). Computed in float64 and
/// stored in the dtype the model runs in, so the folded forward differs from conv → batch norm by rounding only.
/// </summary>
public sealed class FoldedConvolution : IDisposable
{
    private readonly Tensor _weight;
    private readonly Tensor _bias;
    private readonly long[] _stride;
    private readonly long[] _padding;
    private readonly long[] _dilation;
    private readonly long _groups;

    private FoldedConvolution(Tensor weight, Tensor bias, Conv2d conv)
    {
        _weight = weight;
        _bias = bias;
        _stride = conv.stride;
        _padding = conv.padding ?? throw new ArgumentException("a convolution with string padding cannot be folded", nameof(conv));
        _dilation = conv.dilation;
        _groups = conv.groups;
    }

    public static FoldedConvolution Fold(Conv2d conv, BatchNorm2d bn, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(conv);
        ArgumentNullException.ThrowIfNull(bn);
        var runningMean = bn.running_mean ?? throw new ArgumentException("the batch norm tracks no running statistics", nameof(bn));
        var runningVar = bn.running_var ?? throw new ArgumentException("the batch norm tracks no running statistics", nameof(bn));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var zeros = zeros_like(runningMean, float64);
        var (weight, bias) = nn.utils.fuse_conv_bn_weights(
            conv.weight!.to(float64), conv.bias?.to(float64) ?? zeros, runningMean.to(float64), runningVar.to(float64), bn.eps,
            bn.weight?.to(float64) ?? ones_like(zeros), bn.bias?.to(float64) ?? zeros, transpose: false);
        var folded = new FoldedConvolution(weight.detach().to(dtype).contiguous(), bias.detach().to(dtype), conv);
        folded._weight.DetachFromDisposeScope();
        folded._bias.DetachFromDisposeScope();
        return folded;
    }

    public Tensor Forward(Tensor x) => nn.functional.conv2d(x, _weight, _bias, _stride, _padding, _dilation, _groups);

    public void Dispose()
    {
        _weight.Dispose();
        _bias.Dispose();
    }
}
