using Ensemble.Audio.Encoding;
using Ensemble.Audio.Features;
using Ensemble.Audio.Tests.Signals;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Features;

public sealed class FeatureExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ensemble-features-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Folder_export_writes_one_npy_per_wav_and_reports_bad_files()
    {
        var input = Directory.CreateDirectory(Path.Combine(_folder, "in")).FullName;
        File.WriteAllBytes(Path.Combine(input, "a.wav"), WavWriter.ToPcm16Bytes(Tones.SineF(440, 44100, 4410), 44100));
        File.WriteAllBytes(Path.Combine(input, "b.wav"), WavWriter.ToPcm16Bytes(Tones.SineF(880, 48000, 4800), 48000));
        File.WriteAllBytes(Path.Combine(input, "bad.wav"), [1, 2, 3]);
        File.CreateSymbolicLink(Path.Combine(input, "dangling.wav"), Path.Combine(_folder, "gone.wav"));
        var output = Path.Combine(_folder, "out");
        var errors = new List<AudioFormatException>();

        var written = new FeatureExport(AudioOptions.Default).WriteFolder(input, output, threads: 2, errors.Add);

        Assert.Equal(2, written);
        Assert.Equal(["a.npy", "b.npy"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["bad.wav", "dangling.wav"], errors.Select(e => Path.GetFileName(e.File)).Order(StringComparer.Ordinal));
        Assert.Contains("symbolic link", errors.Single(e => e.File.EndsWith("dangling.wav", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);
        // 4410 samples -> 1 + 4410 / 694 = 7 frames: 128 × 7 float32 after a 128-byte header.
        Assert.Equal(128 + (128 * 7 * 4), new FileInfo(Path.Combine(output, "a.npy")).Length);
    }

    [Fact]
    public void Single_file_export_returns_the_log_mel()
    {
        var wav = Path.Combine(_folder, "one.wav");
        File.WriteAllBytes(wav, WavWriter.ToPcm16Bytes(Tones.SineF(440, 44100, 694 * 10), 44100));
        var logMel = new FeatureExport(AudioOptions.Default).WriteFile(wav, Path.Combine(_folder, "one.npy"));
        Assert.Equal(11, logMel.Frames);
        Assert.True(File.Exists(Path.Combine(_folder, "one.npy")));
    }
}
