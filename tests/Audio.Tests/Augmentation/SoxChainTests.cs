using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class SoxChainTests
{
    public static TheoryData<string, string[]> RecipeChains => new()
    {
        { "pitch -500", ["pitch"] },
        { "pitch +500", ["pitch"] },
        { "fade q 3", ["fade"] },
        { "reverb", ["reverb"] },
        { "gain -h treble +20 bass +20", ["gain", "treble", "bass"] },
        { "gain -h treble -30 bass -30", ["gain", "treble", "bass"] },
        { "gain -h equalizer 2400 3q 8", ["gain", "equalizer"] },
    };

    [Theory]
    [MemberData(nameof(RecipeChains))]
    public void Parses_every_recipe_chain(string text, string[] names)
    {
        var chain = SoxChain.Parse(text);

        Assert.Equal(names, chain.Effects.Select(e => e.Describe().Split(' ')[0]));
        Assert.Equal(text, chain.Text);
    }

    [Theory]
    [InlineData("echo 0.8 0.9 1000 0.3", "echo")]
    [InlineData("gain -h treble +20 flanger", "flanger")]
    [InlineData("wobble 3", "wobble")]
    [InlineData("gain -n", "-n")]
    [InlineData("gain -h 3 4", "4")]
    [InlineData("bass +20 100 0.5s extra", "extra")]
    [InlineData("equalizer 2400 3x 8", "3x")]
    [InlineData("equalizer 2400 3q", "equalizer")]
    [InlineData("treble loud", "loud")]
    [InlineData("pitch -q 500", "-q")]
    [InlineData("reverb 150", "150")]
    [InlineData("fade q", "fade")]
    [InlineData("bass +20 100 2s", "2s")]
    public void Refuses_what_it_does_not_support_naming_the_word(string text, string word)
    {
        var error = Assert.Throws<SoxChainException>(() => SoxChain.Parse(text));

        Assert.Equal(word, error.Word);
        Assert.Contains($"'{word}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_empty_chain() => Assert.Throws<SoxChainException>(() => SoxChain.Parse("  "));

    [Theory]
    [InlineData("gain -h treble +20 bass +20", -40.0)]
    [InlineData("gain -h treble -30 bass -30", 0.0)]
    [InlineData("gain -h equalizer 2400 3q 8", -8.0)]
    [InlineData("gain -h 3 bass +6 gain -h treble +20", -3.0)]
    [InlineData("gain -h reverb", -9.5424)]
    public void Gain_h_reserves_the_headroom_of_the_effects_after_it(string text, double expectedDb)
    {
        var gain = Assert.IsType<GainEffect>(SoxChain.Parse(text).Effects[0]);

        Assert.Equal(expectedDb, 20 * Math.Log10(gain.Multiplier), 3);
    }

    [Fact]
    public void Apply_leaves_the_input_untouched_and_returns_a_new_array()
    {
        var input = Signals.Tone(1000, 0.2);
        var copy = (float[])input.Clone();

        var output = SoxChain.Parse("gain -h treble +20 bass +20").Apply(input, Signals.RateHz);

        Assert.Equal(copy, input);
        Assert.NotSame(input, output);
    }

    [Fact]
    public void Describes_the_chain_with_sox_defaults_filled_in() =>
        Assert.Equal("gain -h treble +20 3000 0.5s bass +20 100 0.5s",
            SoxChain.Parse("gain -h treble +20 bass +20").ToString());
}
