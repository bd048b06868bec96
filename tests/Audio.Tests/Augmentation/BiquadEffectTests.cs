using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class BiquadEffectTests
{
    private static double ToneGainDb(string effects, double frequencyHz)
    {
        var tone = Signals.Tone(frequencyHz, 1.0, 0.01);
        var output = SoxChain.Parse(effects).Apply(tone, Signals.RateHz);
        // Skip the first 0.5 s: the filter's transient.
        return Signals.Db(Signals.Rms(output.AsSpan(22050)) / Signals.Rms(tone.AsSpan(22050)));
    }

    [Fact]
    public void Pins_sox_defaults()
    {
        Assert.Equal(100, BiquadEffect.BassDefaultFrequencyHz);
        Assert.Equal(3000, BiquadEffect.TrebleDefaultFrequencyHz);
        Assert.Equal(0.5, BiquadEffect.ShelfDefaultSlope);
        var bass = Assert.IsType<BiquadEffect>(SoxChain.Parse("bass +20").Effects[0]);
        Assert.Equal((100.0, 0.5, SoxWidthUnit.Slope), (bass.FrequencyHz, bass.Width, bass.WidthUnit));
    }

    [Fact]
    public void Bass_boost_raises_a_50_Hz_tone_by_the_shelf_gain_and_leaves_5_kHz_alone()
    {
        var shelf = SoxBiquadDesign.Design(SoxBiquadKind.LowShelf, 20, 100, 0.5, SoxWidthUnit.Slope, 44100).GainDbAt(50, 44100);

        Assert.InRange(shelf, 12, 20); // a slope-0.5 shelf reaches +20 dB only well below its 100 Hz corner
        Assert.Equal(shelf, ToneGainDb("bass +20", 50), 1);
        Assert.Equal(0, ToneGainDb("bass +20", 5000), 1);
    }

    [Fact]
    public void Treble_cut_lowers_a_10_kHz_tone_and_leaves_200_Hz_alone()
    {
        Assert.InRange(ToneGainDb("treble -30", 10000), -30, -25);
        Assert.InRange(ToneGainDb("treble -30", 200), -1, 0);
    }

    [Fact]
    public void Equalizer_peaks_at_2400_Hz()
    {
        var peak = ToneGainDb("equalizer 2400 3q 8", 2400);

        Assert.Equal(8, peak, 1);
        Assert.True(ToneGainDb("equalizer 2400 3q 8", 1200) < peak - 5);
        Assert.True(ToneGainDb("equalizer 2400 3q 8", 4800) < peak - 5);
    }

    [Fact]
    public void Width_units_and_kilohertz_follow_sox()
    {
        var eq = Assert.IsType<BiquadEffect>(SoxChain.Parse("equalizer 2.4k 0.2k 8").Effects[0]);

        Assert.Equal((2400.0, 200.0, SoxWidthUnit.Hertz), (eq.FrequencyHz, eq.Width, eq.WidthUnit));
        var treble = Assert.IsType<BiquadEffect>(SoxChain.Parse("treble +6 5000 1o").Effects[0]);
        Assert.Equal((5000.0, 1.0, SoxWidthUnit.Octaves), (treble.FrequencyHz, treble.Width, treble.WidthUnit));
    }
}
