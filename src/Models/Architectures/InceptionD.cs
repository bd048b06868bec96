using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>torchvision InceptionD (Mixed_7a, grid reduction).</summary>
public sealed class InceptionD : nn.Module<Tensor, Tensor>
{
    private readonly BasicConv2d branch3x3_1;
    private readonly BasicConv2d branch3x3_2;
    private readonly BasicConv2d branch7x7x3_1;
    private readonly BasicConv2d branch7x7x3_2;
    private readonly BasicConv2d branch7x7x3_3;
    private readonly BasicConv2d branch7x7x3_4;

    public InceptionD(string name, long inChannels, ChannelWidth width) : base(name)
    {
        var (c192, c320) = (width.Scale(192), width.Scale(320));
        OutChannels = c320 + c192 + inChannels;
        branch3x3_1 = new BasicConv2d(nameof(branch3x3_1), inChannels, c192, 1);
        branch3x3_2 = new BasicConv2d(nameof(branch3x3_2), c192, c320, 3, stride: 2);
        branch7x7x3_1 = new BasicConv2d(nameof(branch7x7x3_1), inChannels, c192, 1);
        branch7x7x3_2 = new BasicConv2d(nameof(branch7x7x3_2), c192, c192, (1, 7), padding: (0, 3));
        branch7x7x3_3 = new BasicConv2d(nameof(branch7x7x3_3), c192, c192, (7, 1), padding: (3, 0));
        branch7x7x3_4 = new BasicConv2d(nameof(branch7x7x3_4), c192, c192, 3, stride: 2);
        RegisterComponents();
    }

    /// <summary>Channels of the concatenated output (the max-pool branch passes the input's through).</summary>
    public long OutChannels { get; }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var b3 = branch3x3_2.forward(branch3x3_1.forward(x));
        var b7 = branch7x7x3_4.forward(branch7x7x3_3.forward(branch7x7x3_2.forward(branch7x7x3_1.forward(x))));
        var bp = InceptionPooling.Max3x3Stride2(x);
        return scope.MoveToOuter(cat([b3, b7, bp], 1));
    }
}
