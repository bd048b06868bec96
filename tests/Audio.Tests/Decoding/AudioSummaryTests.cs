using Ensemble.Audio.Decoding;
using Ensemble.Audio.Tests.Signals;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Decoding;

public sealed class AudioSummaryTests
{
    [Fact]
    public void Peak_and_rms_cover_every_channel_before_mixdown()
    {
        // Stereo: left +0.5, right -0.5: the mono mix would be silent, the summary must not be.
        var bytes = new WavBytes().Fmt(1, 2, 48000, 16).Data(WavBytes.Int16Data([16384, -16384, 16384, -16384])).Build();
        var summary = AudioSummary.Of(WavDecoder.ReadPcm(bytes, "s.wav", new WavDecoderOptions(targetSampleRateHz: null)));
        Assert.Equal(0.5f, summary.Peak);
        Assert.Equal(0.5, summary.Rms, 9);
        Assert.Equal(-6.0206, summary.PeakDbfs, 3);
        Assert.Equal(2, summary.Info.Channels);
        Assert.Equal(48000, summary.Info.SampleRateHz);
    }

    [Fact]
    public void Lines_name_format_rate_channels_duration_peak_and_rms()
    {
        var summary = AudioSummary.Of(WavDecoder.ReadPcm(WavBytes.Pcm16Mono(new short[441]), "quiet.wav"));
        var text = string.Join('\n', summary.Lines());
        Assert.Contains("format      PCM 16-bit", text, StringComparison.Ordinal);
        Assert.Contains("rate        44100 Hz", text, StringComparison.Ordinal);
        Assert.Contains("channels    1", text, StringComparison.Ordinal);
        Assert.Contains("duration    0.010 s (441 frames)", text, StringComparison.Ordinal);
        Assert.Contains("peak        0.000000 (-inf dBFS)", text, StringComparison.Ordinal);
        Assert.Contains("rms         0.000000 (-inf dBFS)", text, StringComparison.Ordinal);
    }
}
