using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class WsolaTempoTests
{
    [Fact]
    public void Uses_tempo_c_sizes_at_44_1_kHz()
    {
        var tempo = new WsolaTempo(44100, 1.33484, 82, 82 / 5.587, 82 / 6.833);

        Assert.Equal(3616, tempo.SegmentSamples);
        Assert.Equal(647, tempo.SearchSamples);
        Assert.Equal(528, tempo.OverlapSamples);
    }

    [Theory]
    [InlineData(1.33484)]
    [InlineData(0.749154)]
    public void Emits_round_of_length_over_factor_and_keeps_the_frequency(double factor)
    {
        var tone = Signals.Tone(1000, 0.4);

        var output = new WsolaTempo(44100, factor, 82, 82 / 5.587, 82 / 6.833).Process(tone);

        Assert.Equal((int)(tone.Length / factor + 0.5), output.Length);
        var middle = output.AsSpan(output.Length / 4, output.Length / 2).ToArray();
        Assert.InRange(Signals.DominantFrequencyHz(middle, 900, 1100), 995, 1005);
    }

    [Fact]
    public void Empty_input_gives_empty_output() =>
        Assert.Empty(new WsolaTempo(44100, 2, 82, 14, 12).Process([]));
}
