using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class GainEffectTests
{
    [Fact]
    public void Plain_gain_scales_by_its_decibels()
    {
        var output = SoxChain.Parse("gain -6").Apply([0.5f, -0.5f], Signals.RateHz);

        Assert.Equal(0.5 * Math.Pow(10, -6 / 20.0), output[0], 6);
        Assert.Equal(-0.5 * Math.Pow(10, -6 / 20.0), output[1], 6);
    }

    [Theory]
    [InlineData("gain -h treble +20 bass +20")]
    [InlineData("gain -h treble -30 bass -30")]
    [InlineData("gain -h equalizer 2400 3q 8")]
    public void Gain_h_keeps_a_full_scale_signal_from_clipping(string effects)
    {
        // Full-scale noise plus full-scale low and high tones: the worst case for the boosts.
        var noise = Signals.Noise(0.5, 1, seed: 7);
        var low = Signals.Tone(50, 0.5, 1);
        var high = Signals.Tone(12000, 0.5, 1);
        foreach (var input in new[] { noise, low, high })
        {
            var output = SoxChain.Parse(effects).Apply(input, Signals.RateHz);
            Assert.True(output.Max(Math.Abs) < 1f, $"{effects} reached full scale");
        }
    }

    [Fact]
    public void Without_h_a_boost_clips_at_full_scale_as_in_sox()
    {
        var output = SoxChain.Parse("bass +20").Apply(Signals.Tone(50, 0.5, 0.9), Signals.RateHz);

        Assert.Equal(1f, output.Max());
    }

    [Fact]
    public void Only_gain_h_may_reserve_headroom() =>
        Assert.Throws<ArgumentException>(() => new GainEffect(0, makeHeadroom: false, reclaimedHeadroom: 10));
}
