using Ensemble.Settings;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;
using static TorchSharp.torch;

namespace Ensemble.Training.Tests.Runs;

[Collection(TorchCollection.Name)]
public sealed class BatchAugmenterTests
{
    private const int Mels = 32;
    private const int Frames = 48;
    private const int Classes = 5;
    private static readonly LogMelOptions LogMel = new(melBands: Mels);

    private static AugmentationRecipe Recipe(double mixup = 0, double erasing = 0, double coarse = 0, double flip = 0, double rrc = 0) =>
        new(mixupAlpha: 1.0, mixupProbability: mixup, erasingProbability: erasing, coarseDropoutProbability: coarse,
            flipProbability: flip, randomResizedCropProbability: rrc);

    private static (Tensor X, Tensor Y) Batch(int seed)
    {
        var generator = new Random(seed);
        var x = new float[8 * Mels * Frames];
        for (var i = 0; i < x.Length; i++)
            x[i] = (float)(generator.NextDouble() * 2 - 1);
        var y = new float[8 * Classes];
        for (var b = 0; b < 8; b++)
            y[b * Classes + b % Classes] = 1;
        return (tensor(x, [8, 1, Mels, Frames]), tensor(y, [8, Classes]));
    }

    [Fact]
    public void AllProbabilitiesZero_ReturnsTheBatchUnchanged()
    {
        var (x, y) = Batch(1);
        var (ax, ay) = new BatchAugmenter(Recipe(), randomResizedCrop: true, LogMel, Frames, seed: 3).Apply(x, y);
        Assert.True(ax.eq(x).all().item<bool>());
        Assert.True(ay.eq(y).all().item<bool>());
    }

    [Fact]
    public void RandomResizedCrop_IsAppliedToInceptionOnly()
    {
        var (x, y) = Batch(2);
        var (plain, _) = new BatchAugmenter(Recipe(rrc: 1), randomResizedCrop: false, LogMel, Frames, seed: 3).Apply(x, y);
        var (cropped, _) = new BatchAugmenter(Recipe(rrc: 1), randomResizedCrop: true, LogMel, Frames, seed: 3).Apply(x, y);
        Assert.True(plain.eq(x).all().item<bool>());
        Assert.False(cropped.eq(x).all().item<bool>());
        Assert.Equal(x.shape, cropped.shape);
    }

    [Fact]
    public void FlipAlways_ReversesTime()
    {
        var (x, y) = Batch(3);
        var (flipped, targets) = new BatchAugmenter(Recipe(flip: 1), randomResizedCrop: false, LogMel, Frames, seed: 4).Apply(x, y);
        Assert.True(flipped.eq(x.flip(3)).all().item<bool>());
        Assert.True(targets.eq(y).all().item<bool>());
    }

    [Fact]
    public void MixupAlways_MixesInputsAndTargetsWithOneLambda()
    {
        var (x, y) = Batch(4);
        var (mx, my) = new BatchAugmenter(Recipe(mixup: 1), randomResizedCrop: false, LogMel, Frames, seed: 5).Apply(x, y);
        Assert.False(mx.eq(x).all().item<bool>());
        // Every mixed target row still sums to 1 (each source row is one-hot) and stays within [0, 1].
        Assert.True(my.sum(1).allclose(ones(8), rtol: 0, atol: 1e-6));
        Assert.True(my.min().item<float>() >= 0 && my.max().item<float>() <= 1);
    }

    [Fact]
    public void ErasingAndDropout_OnlySetValuesToTheFill()
    {
        var (x, y) = Batch(5);
        var (ax, _) = new BatchAugmenter(Recipe(erasing: 1, coarse: 1), randomResizedCrop: false, LogMel, Frames, seed: 6).Apply(x, y);
        var changed = ax.ne(x);
        Assert.True(changed.any().item<bool>());
        Assert.True(ax.masked_select(changed).eq(0).all().item<bool>());
    }

    [Fact]
    public void SameSeed_SameDraws_OtherSeed_OtherDraws()
    {
        var recipe = Recipe(mixup: 0.5, erasing: 0.5, coarse: 0.5, flip: 0.5, rrc: 0.5);
        var (x, y) = Batch(6);
        var (a, _) = new BatchAugmenter(recipe, true, LogMel, Frames, seed: 7).Apply(x, y);
        var (b, _) = new BatchAugmenter(recipe, true, LogMel, Frames, seed: 7).Apply(x, y);
        var (c, _) = new BatchAugmenter(recipe, true, LogMel, Frames, seed: 8).Apply(x, y);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
    }

    [Fact]
    public void ChannelSteps_ChangeDecibelCropsOnlyWhenTheRecipeHasThem_AndLeaveTheOtherDrawsAsTheyWere()
    {
        var (x, y) = Batch(7);
        var crop = Enumerable.Range(0, Mels * Frames).Select(i => (float)(-40 + (i % 13))).ToArray();
        var without = new BatchAugmenter(Recipe(flip: 0.5, erasing: 0.5), true, LogMel, Frames, seed: 9);
        var withChannel = new BatchAugmenter(new AugmentationRecipe(1, 0, 0.5, 0, 0.5, 0, channelEqualizerProbability: 1,
            channelBandLimitProbability: 1, channelNoiseProbability: 1), true, LogMel, Frames, seed: 9);

        var untouched = crop.ToArray();
        without.AugmentDecibels(untouched);
        var augmented = crop.ToArray();
        withChannel.AugmentDecibels(augmented);

        Assert.Equal(crop, untouched);
        Assert.NotEqual(crop, augmented);
        // Turning the channel steps on changes nothing else the epoch draws.
        Assert.True(without.Apply(x, y).Inputs.eq(withChannel.Apply(x, y).Inputs).all().item<bool>());
    }
}
