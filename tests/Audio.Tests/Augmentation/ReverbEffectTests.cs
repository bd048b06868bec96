using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class ReverbEffectTests
{
    [Fact]
    public void Pins_sox_defaults_and_derived_parameters()
    {
        var reverb = Assert.IsType<ReverbEffect>(SoxChain.Parse("reverb").Effects[0]);

        Assert.Equal((50.0, 50.0, 100.0, 100.0, 0.0, 0.0),
            (reverb.Options.ReverberancePercent, reverb.Options.HfDampingPercent, reverb.Options.RoomScalePercent,
             reverb.Options.StereoDepthPercent, reverb.Options.PreDelayMs, reverb.Options.WetGainDb));
        Assert.Equal(0.8817, reverb.Feedback, 4);
        Assert.Equal(0.35, reverb.HfDamping, 10);
        Assert.Equal(0.015, reverb.WetGain, 10);
        Assert.Equal(1.0, reverb.RoomScale, 10);
    }

    [Fact]
    public void A_burst_leaves_a_tail_that_decays()
    {
        var input = new float[2 * Signals.RateHz];
        Signals.Noise(0.05, 0.5, seed: 3).CopyTo(input, 0);

        var output = SoxChain.Parse("reverb").Apply(input, Signals.RateHz);

        Assert.Equal(input.Length, output.Length);
        var early = Signals.Rms(output.AsSpan(Signals.RateHz / 10, Signals.RateHz / 10));
        var late = Signals.Rms(output.AsSpan(Signals.RateHz, Signals.RateHz / 10));
        Assert.True(early > 1e-3, $"no tail: {early}");
        Assert.True(late < early / 10, $"tail does not decay: {early} then {late}");
        Assert.True(late > 0);
    }

    [Fact]
    public void More_reverberance_decays_slower()
    {
        var input = new float[Signals.RateHz];
        Signals.Noise(0.05, 0.5, seed: 4).CopyTo(input, 0);
        double Late(string effects) => Signals.Rms(SoxChain.Parse(effects).Apply(input, Signals.RateHz).AsSpan(Signals.RateHz / 2));

        Assert.True(Late("reverb 90") > 3 * Late("reverb 20"));
    }

    [Fact]
    public void Wet_only_drops_the_dry_signal()
    {
        var impulse = new float[1000];
        impulse[0] = 1;

        Assert.Equal(0f, SoxChain.Parse("reverb -w").Apply(impulse, Signals.RateHz)[0]);
        Assert.Equal(1f, SoxChain.Parse("reverb").Apply(impulse, Signals.RateHz)[0]);
    }
}
