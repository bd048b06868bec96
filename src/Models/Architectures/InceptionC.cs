using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>torchvision InceptionC (Mixed_6b..6e, factorised 7×7).</summary>
public sealed class InceptionC : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d branch1x1;
    private readonly BasicConv2d branch7x7_1;
    private readonly BasicConv2d branch7x7_2;
    private readonly BasicConv2d branch7x7_3;
    private readonly BasicConv2d branch7x7dbl_1;
    private readonly BasicConv2d branch7x7dbl_2;
    private readonly BasicConv2d branch7x7dbl_3;
    private readonly BasicConv2d branch7x7dbl_4;
    private readonly BasicConv2d branch7x7dbl_5;
    private readonly BasicConv2d branch_pool;

    public InceptionC(string name, long inChannels, long channels7x7, ChannelWidth width) : base(name)
    {
        var (c7, c192) = (width.Scale(channels7x7), width.Scale(192));
        OutChannels = 4 * c192;
        branch1x1 = new BasicConv2d(nameof(branch1x1), inChannels, c192, 1);
        branch7x7_1 = new BasicConv2d(nameof(branch7x7_1), inChannels, c7, 1);
        branch7x7_2 = new BasicConv2d(nameof(branch7x7_2), c7, c7, (1, 7), padding: (0, 3));
        branch7x7_3 = new BasicConv2d(nameof(branch7x7_3), c7, c192, (7, 1), padding: (3, 0));
        branch7x7dbl_1 = new BasicConv2d(nameof(branch7x7dbl_1), inChannels, c7, 1);
        branch7x7dbl_2 = new BasicConv2d(nameof(branch7x7dbl_2), c7, c7, (7, 1), padding: (3, 0));
        branch7x7dbl_3 = new BasicConv2d(nameof(branch7x7dbl_3), c7, c7, (1, 7), padding: (0, 3));
        branch7x7dbl_4 = new BasicConv2d(nameof(branch7x7dbl_4), c7, c7, (7, 1), padding: (3, 0));
        branch7x7dbl_5 = new BasicConv2d(nameof(branch7x7dbl_5), c7, c192, (1, 7), padding: (0, 3));
        branch_pool = new BasicConv2d(nameof(branch_pool), inChannels, c192, 1);
        RegisterComponents();
    }

    /// <summary>Channels of the concatenated output.</summary>
    public long OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var b1 = branch1x1.forward(x);
        var b7 = branch7x7_3.forward(branch7x7_2.forward(branch7x7_1.forward(x)));
        var b7d = branch7x7dbl_1.forward(x);
        b7d = branch7x7dbl_5.forward(branch7x7dbl_4.forward(branch7x7dbl_3.forward(branch7x7dbl_2.forward(b7d))));
        var bp = branch_pool.forward(InceptionPooling.Average3x3(x));
        return scope.MoveToOuter(cat([b1, b7, b7d, bp], 1));
    }
}
