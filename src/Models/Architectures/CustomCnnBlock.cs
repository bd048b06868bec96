using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// One CustomCNN block: 2 × (3×3 conv without bias, batch norm, ReLU), scSE, then max pool + average pool summed. For
/// inference both batch norms can be folded into their convolutions (<see cref="IFoldsBatchNorm"/>).
/// </summary>
public sealed class CustomCnnBlock : nn.Module<Tensor, Tensor>, IFoldsBatchNorm
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Scse scse;
    private readonly long[] _poolKernel;
    private FoldedConvolution? _folded1;
    private FoldedConvolution? _folded2;

    public CustomCnnBlock(string name, int inChannels, int outChannels, (int Frequency, int Time) pool, int scseReduction) : base(name)
    {
        // No conv bias: the batch norm right after it has its own shift.
        conv1 = nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        scse = new Scse("scse", outChannels, scseReduction);
        _poolKernel = [pool.Frequency, pool.Time];
        RegisterComponents();
    }

    public bool IsBatchNormFolded => _folded1 is not null;

    public void FoldBatchNorm(ScalarType dtype)
    {
        UnfoldBatchNorm();
        _folded1 = FoldedConvolution.Fold(conv1, bn1, dtype);
        _folded2 = FoldedConvolution.Fold(conv2, bn2, dtype);
    }

    public void UnfoldBatchNorm()
    {
        _folded1?.Dispose();
        _folded2?.Dispose();
        (_folded1, _folded2) = (null, null);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var folded = _folded1 is not null && _folded2 is not null && !training;
        // ReLUs in place: each input is a fresh conv/batch-norm output nothing else reads.
        var y = (folded ? _folded1!.Forward(x) : bn1.forward(conv1.forward(x))).relu_();
        y = (folded ? _folded2!.Forward(y) : bn2.forward(conv2.forward(y))).relu_();
        y = scse.forward(y);
        var pooled = nn.functional.max_pool2d(y, _poolKernel) + nn.functional.avg_pool2d(y, _poolKernel);
        return scope.MoveToOuter(pooled);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            UnfoldBatchNorm();
        base.Dispose(disposing);
    }
}
