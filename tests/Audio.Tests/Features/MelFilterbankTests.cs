using Ensemble.Audio.Features;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Features;

public sealed class MelFilterbankTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(20, 0.3)]
    [InlineData(1000, 15)]
    [InlineData(6400, 42)]
    public void Slaney_scale_values(double hz, double mel)
    {
        Assert.Equal(mel, MelConversions.HzToMel(hz, MelScale.Slaney), 9);
        Assert.Equal(hz, MelConversions.MelToHz(mel, MelScale.Slaney), 6);
    }

    [Fact]
    public void Htk_scale_round_trips() =>
        Assert.Equal(3000, MelConversions.MelToHz(MelConversions.HzToMel(3000, MelScale.Htk), MelScale.Htk), 9);

    [Theory]
    [InlineData(0, 3, 0.03154306858778)]
    [InlineData(20, 39, 0.028201766312122345)]
    [InlineData(90, 382, 0.00473259761929512)]
    [InlineData(127, 1240, 0.0014683919725939631)]
    [InlineData(127, 1201, 0.0)]
    public void Weights_match_torchaudio_melscale_fbanks(int band, int bin, double torchaudioWeight)
    {
        // torchaudio.functional.melscale_fbanks(1281, 20, 22050, 128, 44100, "slaney", "slaney") (float32 band edges near 20 kHz, so 2e-5 relative).
        var weight = new MelFilterbank(LogMelOptions.Default).Weight(band, bin);
        Assert.Equal(torchaudioWeight, weight, Math.Max(1e-9, torchaudioWeight * 2e-5));
    }

    [Fact]
    public void Slaney_norm_gives_each_wide_filter_unit_area()
    {
        var bank = new MelFilterbank(LogMelOptions.Default);
        var binHz = 22050.0 / 1280;
        for (var band = 40; band < 128; band += 20)
        {
            double sum = 0;
            for (var bin = 0; bin < 1281; bin++)
                sum += bank.Weight(band, bin);
            Assert.InRange(sum * binHz, 0.97, 1.03); // sampled triangles: the area is exact only in the limit
        }
    }

    [Fact]
    public void Apply_uses_only_the_filter_support()
    {
        var bank = new MelFilterbank(new LogMelOptions(melBands: 4));
        var spectrum = new double[1281];
        spectrum[300] = 1;
        var mel = new double[4];
        bank.Apply(spectrum, mel);
        for (var band = 0; band < 4; band++)
            Assert.Equal(bank.Weight(band, 300), mel[band], 15);
    }
}
