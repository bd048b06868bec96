using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public sealed class SoxEffectExceptionTests
{
    [Fact]
    public void An_effect_refusing_a_clip_names_the_chain_the_effect_and_the_clip_and_keeps_the_cause()
    {
        var chain = SoxChain.Parse("gain -1 fade 2 0");
        var clip = new AudioClip(new float[44100], 44100, "/data/short.wav");

        var error = Assert.Throws<SoxEffectException>(() => chain.Apply(clip));

        Assert.Equal(("gain -1 fade 2 0", "/data/short.wav"), (error.Chain, error.Clip));
        Assert.StartsWith("fade", error.Effect);
        Assert.StartsWith("/data/short.wav: sox 'gain -1 fade 2 0': fade", error.Message);
        Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Equal(SoxChain.InMemorySource, Assert.Throws<SoxEffectException>(() => chain.Apply(clip.Samples, 44100)).Clip);
    }
}
