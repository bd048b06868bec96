using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>torchvision InceptionB (Mixed_6a, grid reduction).</summary>
public sealed class InceptionB : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d branch3x3;
    private readonly BasicConv2d branch3x3dbl_1;
    private readonly BasicConv2d branch3x3dbl_2;
    private readonly BasicConv2d branch3x3dbl_3;

    public InceptionB(string name, long inChannels, ChannelWidth width) : base(name)
    {
        var (c384, c64, c96) = (width.Scale(384), width.Scale(64), width.Scale(96));
        OutChannels = c384 + c96 + inChannels;
        branch3x3 = new BasicConv2d(nameof(branch3x3), inChannels, c384, 3, stride: 2);
        branch3x3dbl_1 = new BasicConv2d(nameof(branch3x3dbl_1), inChannels, c64, 1);
        branch3x3dbl_2 = new BasicConv2d(nameof(branch3x3dbl_2), c64, c96, 3, padding: 1);
        branch3x3dbl_3 = new BasicConv2d(nameof(branch3x3dbl_3), c96, c96, 3, stride: 2);
        RegisterComponents();
    }

    /// <summary>Channels of the concatenated output (the max-pool branch passes the input's through).</summary>
    public long OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var b3 = branch3x3.forward(x);
        var b3d = branch3x3dbl_3.forward(branch3x3dbl_2.forward(branch3x3dbl_1.forward(x)));
        var bp = InceptionPooling.Max3x3Stride2(x);
        return scope.MoveToOuter(cat([b3, b3d, bp], 1));
    }
}
