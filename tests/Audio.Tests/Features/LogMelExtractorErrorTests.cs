using Ensemble.Audio.Features;

namespace Ensemble.Audio.Tests.Features;

public sealed class LogMelExtractorErrorTests
{
    [Fact]
    public void A_clip_without_a_frame_is_an_audio_error_naming_the_clip()
    {
        var error = Assert.Throws<AudioFormatException>(() => new LogMelExtractor().Compute(new AudioClip([], 44100, "/data/empty.wav")));
        Assert.Equal("/data/empty.wav", error.File);
        Assert.Contains("no log-mel frame", error.Problem);
    }
}
