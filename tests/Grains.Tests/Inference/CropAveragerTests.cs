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
}
