using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class PitchEffectTests
{
    [Theory]
    [InlineData("pitch -500", 329.63)]
    [InlineData("pitch +500", 587.33)]
    public void Shifts_a_440_Hz_tone_by_five_semitones_and_keeps_the_duration(string effects, double expectedHz)
    {
        var tone = Signals.Tone(440, 0.5);

        var output = SoxChain.Parse(effects).Apply(tone, Signals.RateHz);

        Assert.InRange(output.Length, tone.Length * 0.99, tone.Length * 1.01);
        var middle = output.AsSpan(output.Length / 4, output.Length / 2).ToArray();
        Assert.InRange(Signals.DominantFrequencyHz(middle, 300, 620), expectedHz * 0.99, expectedHz * 1.01);
    }

    [Fact]
    public void Pins_sox_defaults_for_pitch()
    {
        var pitch = Assert.IsType<PitchEffect>(SoxChain.Parse("pitch -500").Effects[0]);

        Assert.Equal(1.33484, pitch.TempoFactor);
        Assert.Equal(82, pitch.SegmentMs);
        Assert.Equal(82 / 5.587, pitch.SearchMs, 10);
        Assert.Equal(82 / 6.833, pitch.OverlapMs, 10);
    }

    [Fact]
    public void Zero_cents_is_a_copy()
    {
        var tone = Signals.Tone(440, 0.1);

        Assert.Equal(tone, SoxChain.Parse("pitch 0").Apply(tone, Signals.RateHz));
    }
}
