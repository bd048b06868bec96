using Ensemble.Models.Augmentation;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Augmentation;

public sealed class RandomResizedCropTests
{
    [Fact]
    public void Defaults_AreTorchvisions()
    {
        var o = new RandomResizedCropOptions();
        Assert.Equal((0.08, 1.0, 0.75, 4.0 / 3, 128, 128), (o.ScaleMin, o.ScaleMax, o.RatioMin, o.RatioMax, o.OutputMelBands, o.OutputFrames));
        Assert.Equal(1.0, o.Probability);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_RejectAProbabilityOutsideZeroToOne(double probability) =>
        Assert.Throws<ArgumentException>(() => new RandomResizedCropOptions(probability: probability));

    [Fact]
    public void Apply_WithProbabilityZero_LeavesFullSizeSamplesAsTheyWere()
    {
        using var batch = randn(3, 1, 128, 128);
        using var result = new RandomResizedCrop(new RandomResizedCropOptions(probability: 0), 4).Apply(batch);
        Assert.True(result.allclose(batch, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Apply_WithProbabilityHalf_CropsSomeSamplesAndKeepsTheOthers()
    {
        using var batch = randn(64, 1, 128, 128);
        using var result = new RandomResizedCrop(new RandomResizedCropOptions(probability: 0.5), 9).Apply(batch);
        var kept = Enumerable.Range(0, 64).Count(i => result[i].allclose(batch[i], rtol: 0, atol: 1e-6));
        Assert.InRange(kept, 16, 48);
    }

    [Fact]
    public void Windows_StayInTheScaleAndRatioRanges()
    {
        var crop = new RandomResizedCrop(new RandomResizedCropOptions(), seed: 6);
        var windows = Enumerable.Range(0, 10_000).Select(_ => crop.SampleWindow(128, 128)).ToArray();
        Assert.All(windows, w => Assert.True(w.Top >= 0 && w.Left >= 0 && w.Top + w.Height <= 128 && w.Left + w.Width <= 128));
        var fractions = windows.Select(w => w.Area / (128.0 * 128.0)).ToArray();
        Assert.All(fractions, f => Assert.InRange(f, 0.08 * 0.9, 1.0)); // rounding to whole bins/frames
        Assert.All(windows, w => Assert.InRange(w.Width / (double)w.Height, 0.75 * 0.9, 4.0 / 3 * 1.1));
        Assert.True(fractions.Min() < 0.1 && fractions.Max() > 0.9);
    }

    [Fact]
    public void Apply_ResizesEveryCropTo128By128()
    {
        using var batch = randn(4, 1, 128, 384);
        using var result = new RandomResizedCrop(new RandomResizedCropOptions(), 1).Apply(batch);
        Assert.Equal(new long[] { 4, 1, 128, 128 }, result.shape);
    }

    [Fact]
    public void Apply_KeepsAConstantMapConstant()
    {
        using var batch = full(new long[] { 3, 2, 128, 128 }, 2.5f);
        using var result = new RandomResizedCrop(new RandomResizedCropOptions(), 1).Apply(batch);
        Assert.True(result.allclose(full(new long[] { 3, 2, 128, 128 }, 2.5f), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void SameSeed_SameResult()
    {
        using var batch = randn(4, 1, 128, 128);
        using var a = new RandomResizedCrop(new RandomResizedCropOptions(), 8).Apply(batch);
        using var b = new RandomResizedCrop(new RandomResizedCropOptions(), 8).Apply(batch);
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }
}
