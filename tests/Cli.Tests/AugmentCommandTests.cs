using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Cli;
using Ensemble.Settings;

namespace Ensemble.Cli.Tests;

public sealed class AugmentCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ensemble-augment-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ToneFile(int sampleRateHz)
    {
        var samples = Enumerable.Range(0, sampleRateHz / 2).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / sampleRateHz))).ToArray();
        var path = Path.Combine(_folder, $"tone{sampleRateHz}.wav");
        WavWriter.WritePcm16(path, new AudioClip(samples, sampleRateHz, path));
        return path;
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Writes_16_bit_44_1_kHz_audio_with_the_chain_applied()
    {
        var input = ToneFile(22050);
        var output = Path.Combine(_folder, "out.wav");

        var (code, stdout, _) = await RunAsync("augment", input, "--effects", "gain -h equalizer 1000 2q 8", "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("gain -h equalizer 1000 2q +8", stdout, StringComparison.Ordinal);
        var info = WavDecoder.ReadInfo(File.ReadAllBytes(output), output, new WavDecoderOptions(targetSampleRateHz: null));
        Assert.Equal((44100, 1, 16), (info.SampleRateHz, info.Channels, info.BitsPerSample));
        var clip = WavDecoder.Decode(output);
        Assert.Equal(22050, clip.Samples.Length);
        // +8 dB at the peak cancelled by the 8 dB of headroom: the level is kept.
        var rms = Math.Sqrt(clip.Samples.Skip(4410).Average(s => s * (double)s));
        Assert.Equal(0.5 / Math.Sqrt(2), rms, 2);
    }

    [Fact]
    public async Task An_unsupported_effect_exits_2_naming_it()
    {
        var (code, _, stderr) = await RunAsync("augment", ToneFile(44100), "--effects", "gain -h echo 0.8 0.9 1000 0.3", "--out", Path.Combine(_folder, "x.wav"));

        Assert.Equal(EnsembleCli.UsageExitCode, code);
        Assert.Contains("'echo'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_exits_1_naming_the_file()
    {
        var missing = Path.Combine(_folder, "missing.wav");

        var (code, _, stderr) = await RunAsync("augment", missing, "--effects", "reverb", "--out", Path.Combine(_folder, "x.wav"));

        Assert.Equal(AugmentCommand.BadInputExitCode, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }
}
