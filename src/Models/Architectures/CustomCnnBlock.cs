using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>One CustomCNN block: 2 × (3×3 conv without bias, batch norm, ReLU), scSE, then max pool + average pool summed.</summary>
public sealed class CustomCnnBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Scse scse;
    private readonly long[] _poolKernel;

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

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = nn.functional.relu(bn1.forward(conv1.forward(x)));
        y = nn.functional.relu(bn2.forward(conv2.forward(y)));
        y = scse.forward(y);
        var pooled = nn.functional.max_pool2d(y, _poolKernel) + nn.functional.avg_pool2d(y, _poolKernel);
        return scope.MoveToOuter(pooled);
    }
}
