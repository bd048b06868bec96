using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>The two fixed poolings torchvision's Inception blocks use (F.avg_pool2d / F.max_pool2d, count_include_pad).</summary>
internal static class InceptionPooling
{
    private static readonly long[] Kernel3 = [3, 3];
    private static readonly long[] Stride1 = [1, 1];
    private static readonly long[] Stride2 = [2, 2];
    private static readonly long[] Padding1 = [1, 1];

    public static Tensor Average3x3(Tensor x) => nn.functional.avg_pool2d(x, Kernel3, Stride1, Padding1);

    public static Tensor Max3x3Stride2(Tensor x) => nn.functional.max_pool2d(x, Kernel3, Stride2);
}
