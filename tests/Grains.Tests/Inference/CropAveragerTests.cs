using Ensemble.Grains.Inference;

namespace Ensemble.Grains.Tests.Inference;

public sealed class CropAveragerTests
{
    [Fact]
    public void Averages_sigmoids_not_logits()
    {
        var mean = CropAverager.MeanSigmoid([0f, 10f, 0f, -10f], cropCount: 2, classCount: 2);
        Assert.Equal(0.5f, mean[0], 6);
        Assert.Equal(0.5f, mean[1], 6); // sigmoid(10) and sigmoid(-10) average to 0.5; the logit mean would too, but:
        var skewed = CropAverager.MeanSigmoid([4f, 0f], cropCount: 2, classCount: 1);
        Assert.Equal((1 / (1 + Math.Exp(-4)) + 0.5) / 2, skewed[0], 6);
    }

    [Fact]
    public void Shape_mismatch_is_rejected() =>
        Assert.Throws<ArgumentException>(() => CropAverager.MeanSigmoid(new float[5], 2, 2));

    [Fact]
    public void Weighted_crops_equal_the_same_crops_repeated()
    {
        float[] distinct = [2f, -1f, -3f, 0.5f];
        float[] repeated = [2f, -1f, 2f, -1f, 2f, -1f, -3f, 0.5f];
        var weighted = CropAverager.MeanSigmoid(distinct, cropCount: 2, classCount: 2, weights: [3, 1]);
        var expanded = CropAverager.MeanSigmoid(repeated, cropCount: 4, classCount: 2);
        Assert.Equal(expanded[0], weighted[0], 6);
        Assert.Equal(expanded[1], weighted[1], 6);
    }

    [Fact]
    public void Bad_weights_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CropAverager.MeanSigmoid(new float[4], 2, 2, weights: [1]));
        Assert.Throws<ArgumentException>(() => CropAverager.MeanSigmoid(new float[4], 2, 2, weights: [1, 0]));
    }
}
