using Ensemble.Models.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Inference;

public sealed class CropNormalizationTests
{
    [Fact]
    public void EachCrop_GetsZeroMeanAndUnitStd()
    {
        var random = new Random(1);
        var crops = Enumerable.Range(0, 3 * 64).Select(i => (float)(random.NextDouble() * 40 - 80 + i / 64 * 30)).ToArray();
        CropNormalization.NormalizeInPlace(crops, 64);
        for (var c = 0; c < 3; c++)
        {
            var crop = crops.AsSpan(c * 64, 64).ToArray();
            var mean = crop.Average();
            var std = Math.Sqrt(crop.Select(v => (v - mean) * (v - mean)).Average());
            Assert.InRange(mean, -1e-5, 1e-5);
            Assert.InRange(std, 1 - 1e-4, 1 + 1e-4);
        }
    }

    [Fact]
    public void ConstantCrop_BecomesZeros()
    {
        var crop = Enumerable.Repeat(-100f, 16).ToArray();
        CropNormalization.NormalizeInPlace(crop, 16);
        Assert.All(crop, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void TensorVersion_AgreesWithSpanVersion()
    {
        using var batch = randn(4, 1, 8, 16) * 20 - 50;
        var values = batch.data<float>().ToArray();
        CropNormalization.NormalizeInPlace(values, 8 * 16);
        using var normalized = CropNormalization.Normalize(batch);
        using var expected = tensor(values, [4, 1, 8, 16]);
        Assert.True(normalized.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void PartialCrop_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => CropNormalization.NormalizeInPlace(new float[10], 4));
    }
}
