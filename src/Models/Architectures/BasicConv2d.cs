using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// torchvision's Inception BasicConv2d: conv (no bias) → batch norm (eps 0.001) → ReLU; names conv / bn. For inference
/// the batch norm can be folded into the convolution (<see cref="IFoldsBatchNorm"/>).
/// </summary>
public sealed class BasicConv2d : nn.Module<Tensor, Tensor>, IFoldsBatchNorm
{
    public const double BatchNormEpsilon = 0.001;

    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private FoldedConvolution? _folded;

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

    public bool IsBatchNormFolded => _folded is not null;

    public void FoldBatchNorm(ScalarType dtype)
    {
        UnfoldBatchNorm();
        _folded = FoldedConvolution.Fold(conv, bn, dtype);
    }

    public void UnfoldBatchNorm()
    {
        _folded?.Dispose();
        _folded = null;
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // In place: the ReLU's input is a fresh conv/batch-norm output that nothing else reads (backward needs only
        // the ReLU's output).
        var y = _folded is not null && !training ? _folded.Forward(x) : bn.forward(conv.forward(x));
        return scope.MoveToOuter(y.relu_());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            UnfoldBatchNorm();
        base.Dispose(disposing);
    }
}
