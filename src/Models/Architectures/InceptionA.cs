using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>torchvision InceptionA (Mixed_5b/5c/5d).</summary>
public sealed class InceptionA : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d branch1x1;
    private readonly BasicConv2d branch5x5_1;
    private readonly BasicConv2d branch5x5_2;
    private readonly BasicConv2d branch3x3dbl_1;
    private readonly BasicConv2d branch3x3dbl_2;
    private readonly BasicConv2d branch3x3dbl_3;
    private readonly BasicConv2d branch_pool;

    public InceptionA(string name, long inChannels, long poolFeatures, ChannelWidth width) : base(name)
    {
        var (c64, c48, c96, pool) = (width.Scale(64), width.Scale(48), width.Scale(96), width.Scale(poolFeatures));
        OutChannels = c64 + c64 + c96 + pool;
        branch1x1 = new BasicConv2d(nameof(branch1x1), inChannels, c64, 1);
        branch5x5_1 = new BasicConv2d(nameof(branch5x5_1), inChannels, c48, 1);
        branch5x5_2 = new BasicConv2d(nameof(branch5x5_2), c48, c64, 5, padding: 2);
        branch3x3dbl_1 = new BasicConv2d(nameof(branch3x3dbl_1), inChannels, c64, 1);
        branch3x3dbl_2 = new BasicConv2d(nameof(branch3x3dbl_2), c64, c96, 3, padding: 1);
        branch3x3dbl_3 = new BasicConv2d(nameof(branch3x3dbl_3), c96, c96, 3, padding: 1);
        branch_pool = new BasicConv2d(nameof(branch_pool), inChannels, pool, 1);
        RegisterComponents();
    }

    /// <summary>Channels of the concatenated output.</summary>
    public long OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var b1 = branch1x1.forward(x);
        var b5 = branch5x5_2.forward(branch5x5_1.forward(x));
        var b3 = branch3x3dbl_3.forward(branch3x3dbl_2.forward(branch3x3dbl_1.forward(x)));
        var bp = branch_pool.forward(InceptionPooling.Average3x3(x));
        return scope.MoveToOuter(cat([b1, b5, b3, bp], 1));
    }
}
