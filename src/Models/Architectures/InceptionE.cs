using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>torchvision InceptionE (Mixed_7b/7c, expanded filter bank).</summary>
public sealed class InceptionE : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d branch1x1;
    private readonly BasicConv2d branch3x3_1;
    private readonly BasicConv2d branch3x3_2a;
    private readonly BasicConv2d branch3x3_2b;
    private readonly BasicConv2d branch3x3dbl_1;
    private readonly BasicConv2d branch3x3dbl_2;
    private readonly BasicConv2d branch3x3dbl_3a;
    private readonly BasicConv2d branch3x3dbl_3b;
    private readonly BasicConv2d branch_pool;

    public InceptionE(string name, long inChannels, ChannelWidth width) : base(name)
    {
        var (c320, c384, c448, c192) = (width.Scale(320), width.Scale(384), width.Scale(448), width.Scale(192));
        OutChannels = c320 + 4 * c384 + c192;
        branch1x1 = new BasicConv2d(nameof(branch1x1), inChannels, c320, 1);
        branch3x3_1 = new BasicConv2d(nameof(branch3x3_1), inChannels, c384, 1);
        branch3x3_2a = new BasicConv2d(nameof(branch3x3_2a), c384, c384, (1, 3), padding: (0, 1));
        branch3x3_2b = new BasicConv2d(nameof(branch3x3_2b), c384, c384, (3, 1), padding: (1, 0));
        branch3x3dbl_1 = new BasicConv2d(nameof(branch3x3dbl_1), inChannels, c448, 1);
        branch3x3dbl_2 = new BasicConv2d(nameof(branch3x3dbl_2), c448, c384, 3, padding: 1);
        branch3x3dbl_3a = new BasicConv2d(nameof(branch3x3dbl_3a), c384, c384, (1, 3), padding: (0, 1));
        branch3x3dbl_3b = new BasicConv2d(nameof(branch3x3dbl_3b), c384, c384, (3, 1), padding: (1, 0));
        branch_pool = new BasicConv2d(nameof(branch_pool), inChannels, c192, 1);
        RegisterComponents();
    }

    /// <summary>Channels of the concatenated output.</summary>
    public long OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var b1 = branch1x1.forward(x);
        var b3 = branch3x3_1.forward(x);
        b3 = cat([branch3x3_2a.forward(b3), branch3x3_2b.forward(b3)], 1);
        var b3d = branch3x3dbl_2.forward(branch3x3dbl_1.forward(x));
        b3d = cat([branch3x3dbl_3a.forward(b3d), branch3x3dbl_3b.forward(b3d)], 1);
        var bp = branch_pool.forward(InceptionPooling.Average3x3(x));
        return scope.MoveToOuter(cat([b1, b3, b3d, bp], 1));
    }
}
