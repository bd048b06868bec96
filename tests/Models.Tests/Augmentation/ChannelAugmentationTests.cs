using Ensemble.Audio.Features;
using Ensemble.Models.Augmentation;
using Ensemble.Settings;

namespace Ensemble.Models.Tests.Augmentation;

public sealed class ChannelAugmentationTests
{
    private const int Frames = 64;
    private static readonly LogMelOptions LogMel = LogMelOptions.Default;
    private static readonly double[] CentresHz = MelBandEdges.CentresHz(LogMel);

    private static float[] FlatCrop(float db = 0f, float floorDb = -80f)
    {
        var crop = Enumerable.Repeat(db, LogMel.MelBands * Frames).ToArray();
        crop[^1] = floorDb; // the crop's quietest value: where attenuation stops
        return crop;
    }

    private static float At(float[] crop, int band, int frame) => crop[band * Frames + frame];

    [Fact]
    public void AllProbabilitiesZero_LeavesTheCropAsItWas()
    {
        var crop = Enumerable.Range(0, LogMel.MelBands * Frames).Select(i => (float)Math.Sin(i)).ToArray();
        var copy = crop.ToArray();
        new ChannelAugmentation(new ChannelAugmentationOptions(), LogMel, seed: 1).Apply(crop);
        Assert.Equal(copy, crop);
    }

    [Fact]
    public void Equalizer_AddsOneBoundedCurveOverTheBands_TheSameInEveryFrame()
    {
        var augmentation = new ChannelAugmentation(new ChannelAugmentationOptions(equalizerProbability: 1, equalizerMaxGainDb: 6), LogMel, seed: 2);
        var crop = FlatCrop();
        augmentation.Apply(crop);
        var curve = Enumerable.Range(0, LogMel.MelBands).Select(m => At(crop, m, 0)).ToArray();
        Assert.All(curve, gain => Assert.InRange(gain, -6f, 6f));
        Assert.True(curve.Max() - curve.Min() > 1, "the curve should colour the bands, not shift them all alike");
        for (var m = 0; m < LogMel.MelBands; m++)
            Assert.Equal(curve[m], At(crop, m, Frames / 2));
        // Piecewise linear between at most 6 inner boundaries: a slope changes only beside one (a boundary drawn twice
        // makes a step, two changes).
        var kinks = Enumerable.Range(1, LogMel.MelBands - 2)
            .Count(m => Math.Abs((curve[m + 1] - curve[m]) - (curve[m] - curve[m - 1])) > 1e-4);
        Assert.InRange(kinks, 1, 6 * 2);
    }

    [Fact]
    public void LowPass_AttenuatesBandsAboveTheCutoffBySlopeTimesOctaves_DownToTheCropFloor()
    {
        var options = new ChannelAugmentationOptions(bandLimitProbability: 1, lowPassMinHz: 4000, lowPassMaxHz: 4000,
            highPassProbability: 0, minSlopeDbPerOctave: 48, maxSlopeDbPerOctave: 48);
        var crop = FlatCrop();
        new ChannelAugmentation(options, LogMel, seed: 3).Apply(crop);
        for (var m = 0; m < LogMel.MelBands; m++)
        {
            var expected = CentresHz[m] <= 4000 ? 0 : Math.Max(-48 * Math.Log2(CentresHz[m] / 4000), -80);
            Assert.Equal(expected, At(crop, m, 0), tolerance: 1e-3);
        }
        Assert.Equal(-80f, At(crop, LogMel.MelBands - 1, 0));
    }

    [Fact]
    public void HighPass_AttenuatesBandsBelowItsCutoff()
    {
        var options = new ChannelAugmentationOptions(bandLimitProbability: 1, lowPassMinHz: 16000, lowPassMaxHz: 16000,
            highPassProbability: 1, highPassMinHz: 400, highPassMaxHz: 400, minSlopeDbPerOctave: 24, maxSlopeDbPerOctave: 24);
        var crop = FlatCrop();
        new ChannelAugmentation(options, LogMel, seed: 4).Apply(crop);
        for (var m = 0; m < LogMel.MelBands && CentresHz[m] < 16000; m++)
        {
            var expected = CentresHz[m] >= 400 ? 0 : -24 * Math.Log2(400 / CentresHz[m]);
            Assert.Equal(expected, At(crop, m, 1), tolerance: 1e-3);
        }
    }

    [Fact]
    public void Noise_AddsPowerAtTheDrawnSnr_AndNeverLowersAValue()
    {
        var options = new ChannelAugmentationOptions(noiseProbability: 1, noiseMinSnrDb: 10, noiseMaxSnrDb: 10,
            noiseMinTiltDbPerOctave: 0, noiseMaxTiltDbPerOctave: 0);
        var crop = FlatCrop(floorDb: 0f);
        var before = crop.ToArray();
        new ChannelAugmentation(options, LogMel, seed: 5).Apply(crop);
        Assert.All(crop.Zip(before), pair => Assert.True(pair.First >= pair.Second));
        // Signal power 1 everywhere, noise 0.1 on average: the mean power becomes 1.1.
        var meanPower = crop.Average(db => Math.Pow(10, db / 10));
        Assert.InRange(meanPower, 1.09, 1.11);
    }

    [Fact]
    public void Noise_FluctuatesLessInWideBands_WhichAverageMoreFftBins()
    {
        var options = new ChannelAugmentationOptions(noiseProbability: 1, noiseMinSnrDb: -20, noiseMaxSnrDb: -20,
            noiseMinTiltDbPerOctave: 0, noiseMaxTiltDbPerOctave: 0);
        var crop = FlatCrop(floorDb: 0f);
        new ChannelAugmentation(options, LogMel, seed: 5).Apply(crop);
        // About 1.8 bins in band 2 and 38 in band 126: spreads of about 4.2 and 0.9 dB.
        static double Spread(float[] c, int band) => StandardDeviation(Enumerable.Range(0, Frames).Select(t => (double)At(c, band, t)));
        Assert.InRange(Spread(crop, 2), 3.2, 5.2);
        Assert.InRange(Spread(crop, LogMel.MelBands - 2), 0.6, 1.2);
    }

    [Fact]
    public void NoiseTilt_PutsMoreNoiseInTheLowBands()
    {
        var options = new ChannelAugmentationOptions(noiseProbability: 1, noiseMinSnrDb: -30, noiseMaxSnrDb: -30,
            noiseMinTiltDbPerOctave: -6, noiseMaxTiltDbPerOctave: -6);
        var crop = FlatCrop(db: -60f, floorDb: -60f);
        new ChannelAugmentation(options, LogMel, seed: 6).Apply(crop);
        var low = Enumerable.Range(0, Frames).Average(t => At(crop, 10, t));
        var high = Enumerable.Range(0, Frames).Average(t => At(crop, 118, t));
        // Band 10 sits near 360 Hz, band 118 near 16 kHz: about 5.5 octaves, 33 dB of tilt.
        Assert.True(low > high + 25, $"low bands {low:F1} dB, high bands {high:F1} dB");
    }

    [Fact]
    public void SameSeed_SameCrop_OtherSeed_OtherCrop()
    {
        var options = new ChannelAugmentationOptions(equalizerProbability: 0.5, bandLimitProbability: 0.5, noiseProbability: 0.5);
        float[] Run(int seed)
        {
            var augmentation = new ChannelAugmentation(options, LogMel, seed);
            var all = new List<float>();
            for (var i = 0; i < 4; i++)
            {
                var crop = FlatCrop(-30f);
                augmentation.Apply(crop);
                all.AddRange(crop);
            }
            return [.. all];
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void AWrongCropLength_IsRefused()
    {
        var augmentation = new ChannelAugmentation(new ChannelAugmentationOptions(noiseProbability: 1), LogMel, seed: 9);
        var error = Assert.Throws<ArgumentException>(() => augmentation.Apply(new float[LogMel.MelBands * 3 + 1]));
        Assert.Contains("128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ReportEveryProblemAtOnce()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChannelAugmentationOptions(equalizerProbability: 1.5,
            noiseProbability: -1, lowPassMinHz: 9000, lowPassMaxHz: 3000, noiseMinSnrDb: 20, noiseMaxSnrDb: 10));
        foreach (var field in new[] { "EqualizerProbability", "NoiseProbability", "LowPassMinHz", "NoiseMinSnrDb" })
            Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BandLimitProbability", error.Message, StringComparison.Ordinal);
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        var array = values.ToArray();
        var mean = array.Average();
        return Math.Sqrt(array.Sum(v => (v - mean) * (v - mean)) / array.Length);
    }
}
