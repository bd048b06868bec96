using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// Concurrent spatial and channel squeeze-excitation (Roy et al. 2018): x·cSE(x) + x·sSE(x).
/// 1×1 convolutions instead of linear layers so the whole block stays 4-D (simpler ONNX graph, same function).
/// </summary>
public sealed class Scse : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d cse_reduce;
    private readonly Conv2d cse_expand;
    private readonly Conv2d sse_conv;

    public Scse(string name, int channels, int reduction) : base(name)
    {
        var hidden = Math.Max(1, channels / reduction);
        cse_reduce = nn.Conv2d(channels, hidden, 1);
        cse_expand = nn.Conv2d(hidden, channels, 1);
        sse_conv = nn.Conv2d(channels, 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var squeezed = x.mean([2, 3], keepdim: true);
        var channelGate = cse_expand.forward(nn.functional.relu(cse_reduce.forward(squeezed))).sigmoid();
        var spatialGate = sse_conv.forward(x).sigmoid();
        var result = x * channelGate + x * spatialGate;
        return scope.MoveToOuter(result);
    }
}
