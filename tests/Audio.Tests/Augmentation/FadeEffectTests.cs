using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class FadeEffectTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.75, 0.38268343)] // sin(pi/8)
    [InlineData(1.5, 0.70710678)] // sin(pi/4)
    [InlineData(2.25, 0.92387953)]
    [InlineData(3.5, 1.0)]
    public void Quarter_sine_fade_in_follows_sin_of_t_over_3_s(double seconds, double gain)
    {
        var output = SoxChain.Parse("fade q 3").Apply(Signals.Constant(0.5, 4), Signals.RateHz);

        Assert.Equal(0.5 * gain, output[(int)(seconds * Signals.RateHz)], 5);
    }

    [Fact]
    public void Without_a_stop_position_there_is_no_fade_out_and_the_length_is_kept()
    {
        var output = SoxChain.Parse("fade q 3").Apply(Signals.Constant(0.5, 5), Signals.RateHz);

        Assert.Equal(5 * Signals.RateHz, output.Length);
        Assert.Equal(0.5f, output[^1]);
    }

    [Fact]
    public void With_stop_0_the_fade_out_defaults_to_the_fade_in_length_at_the_end()
    {
        var output = SoxChain.Parse("fade t 1 0").Apply(Signals.Constant(1, 4), Signals.RateHz);

        Assert.Equal(0.5, output[Signals.RateHz / 2], 3);
        Assert.Equal(1.0, output[2 * Signals.RateHz], 6);
        Assert.Equal(0.5, output[^(Signals.RateHz / 2)], 3);
        Assert.Equal(0.0, output[^1], 3);
    }

    [Fact]
    public void A_stop_position_truncates_and_the_default_shape_is_logarithmic()
    {
        var fade = Assert.IsType<FadeEffect>(SoxChain.Parse("fade 1 2 0.5").Effects[0]);

        Assert.Equal(FadeShape.Logarithmic, fade.Shape);
        var output = fade.Apply(Signals.Constant(1, 4), Signals.RateHz);
        Assert.Equal(2 * Signals.RateHz, output.Length);
        Assert.Equal(1e-5, output[0], 1e-9); // -100 dB at the start
    }

    [Fact]
    public void Times_accept_minutes_and_sample_counts()
    {
        var output = SoxChain.Parse("fade t 100s").Apply(Signals.Constant(1, 0.01), Signals.RateHz);

        Assert.Equal(0.5, output[50], 6);
        Assert.IsType<FadeEffect>(SoxChain.Parse("fade q 0:01.5").Effects[0]);
    }
}
