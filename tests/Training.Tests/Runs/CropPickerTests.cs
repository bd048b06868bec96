using Ensemble.Training.Features;
using Ensemble.Training.Runs;

namespace Ensemble.Training.Tests.Runs;

public sealed class CropPickerTests
{
    [Fact]
    public void StrengthAdaptiveCropsSeekTheLoudRegion()
    {
        // 100 frames, loud only in frames 70..89; crops of 10.
        var values = new float[2 * 100];
        for (var m = 0; m < 2; m++)
            for (var t = 0; t < 100; t++)
                values[m * 100 + t] = t is >= 70 and < 90 ? 0 : -80;
        var features = new FeatureMatrix(values, 2, 100);
        var random = new Random(1);
        var starts = Enumerable.Range(0, 200).Select(_ => CropPicker.StrengthAdaptiveStart(features, 10, random)).ToArray();
        Assert.All(starts, s => Assert.InRange(s, 61, 89));
    }

    [Fact]
    public void UniformWhenAllWindowsAreEqualAndZeroForShortClips()
    {
        var flat = new FeatureMatrix(new float[50], 1, 50);
        var random = new Random(2);
        var starts = Enumerable.Range(0, 300).Select(_ => CropPicker.StrengthAdaptiveStart(flat, 10, random)).ToHashSet();
        Assert.True(starts.Count > 30);
        Assert.Equal(0, CropPicker.StrengthAdaptiveStart(new FeatureMatrix(new float[5], 1, 5), 10, random));
    }

    [Fact]
    public void ShortClipsWrapAround()
    {
        var features = new FeatureMatrix([1, 2, 3], 1, 3);
        var crop = new float[7];
        CropPicker.Copy(features, 0, 7, crop);
        Assert.Equal([1, 2, 3, 1, 2, 3, 1], crop);
    }

    [Fact]
    public void TtaStartsSpanTheClip()
    {
        Assert.Equal([0, 22, 45, 68, 90], CropPicker.TtaStarts(100, 10, 5));
        Assert.Equal([45], CropPicker.TtaStarts(100, 10, 1));
        Assert.Equal([0, 0, 0], CropPicker.TtaStarts(5, 10, 3));
    }
}
