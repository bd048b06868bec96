using Ensemble.Audio;
using Ensemble.Audio.Encoding;
using Ensemble.Cli;

namespace Ensemble.Cli.Tests;

public sealed class ShiftAndEvalCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ensemble-shift-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string Audio, string Truth) Clips()
    {
        var audio = Directory.CreateDirectory(Path.Combine(_folder, "audio")).FullName;
        var samples = Enumerable.Range(0, 11025).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 700 * i / 44100))).ToArray();
        WavWriter.WritePcm16(Path.Combine(audio, "a.wav"), new AudioClip(samples, 44100, "a.wav"));
        var truth = Path.Combine(_folder, "test.csv");
        File.WriteAllText(truth, "fname,labels\na.wav,Bark\n");
        return (audio, truth);
    }

    [Fact]
    public async Task Shift_writes_a_folder_per_condition_and_lists_them()
    {
        var (audio, truth) = Clips();
        var output = Path.Combine(_folder, "shifted");

        var (code, stdout, stderr) = await CliRun.RunAsync("shift", "--audio", audio, "--truth", truth, "--out", output, "--seed", "3", "--parallelism", "1");

        Assert.True(code == 0, stderr);
        Assert.Contains("wrote 1 clips × 16 conditions", stdout, StringComparison.Ordinal);
        Assert.Contains("room-large", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "band-8khz", "a.wav")));
        Assert.True(File.Exists(Path.Combine(output, "shifts.json")));
    }

    [Fact]
    public async Task Shift_of_a_missing_folder_exits_1_naming_it()
    {
        var missing = Path.Combine(_folder, "nothing");
        var (code, _, stderr) = await CliRun.RunAsync("shift", "--audio", missing, "--truth", Path.Combine(_folder, "t.csv"), "--out", Path.Combine(_folder, "o"));

        Assert.Equal(1, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--truth", "t.csv")]
    [InlineData("--truth", "t.csv", "--pred", "p.csv", "--run", "r")]
    [InlineData("--truth", "t.csv", "--run", "r")]
    [InlineData("--truth", "t.csv", "--pred", "p.csv", "--shifted", "s")]
    public async Task Eval_needs_either_a_submission_or_a_run_with_its_audio(params string[] args)
    {
        var (code, _, stderr) = await CliRun.RunAsync(["eval", .. args]);

        Assert.Equal(EnsembleCli.UsageExitCode, code);
        Assert.StartsWith("ensemble eval: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_of_a_run_without_a_manifest_exits_1_naming_it()
    {
        var (audio, truth) = Clips();
        var (code, _, stderr) = await CliRun.RunAsync("eval", "--run", _folder, "--audio", audio, "--truth", truth);

        Assert.Equal(1, code);
        Assert.Contains("ensemble.json", stderr, StringComparison.Ordinal);
    }
}
