using Ensemble.Settings;
using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Audio.Features;
using Ensemble.Training.Data;
using Ensemble.Training.Features;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Features;

public sealed class ClipFeaturesTests
{
    private const int Rate = 44100;

    private static LabeledClip Clip(string folder, string name, double seconds, int line)
    {
        var path = Path.Combine(folder, name);
        var samples = Enumerable.Range(0, (int)(seconds * Rate)).Select(i => (float)(0.3 * Math.Sin(i * 0.05))).ToArray();
        WavWriter.WritePcm16(path, new AudioClip(samples, Rate, path));
        return new LabeledClip(name, path, [0], line);
    }

    [Fact]
    public void A_clip_the_chain_refuses_is_reported_with_the_chain_and_the_others_are_computed()
    {
        using var dir = new TempFolder();
        var audio = Directory.CreateDirectory(Path.Combine(dir.Path, "audio")).FullName;
        LabeledClip[] clips = [Clip(audio, "long.wav", 5, 2), Clip(audio, "short.wav", 1, 3)];
        var features = new ClipFeatures(new FeatureCache(Path.Combine(dir.Path, "cache"), "h"), WavDecoderOptions.Default, LogMelOptions.Default, 1);
        var issues = new List<DatasetIssue>();

        var stored = features.EnsureAll("train_curated", clips, "fade 2 0", issues);

        Assert.NotNull(stored[0]);
        Assert.Null(stored[1]);
        var issue = Assert.Single(issues);
        Assert.Equal((clips[1].AudioPath, 3), (issue.File, issue.Line));
        Assert.StartsWith("sox 'fade 2 0' failed: fade", issue.Reason);
        Assert.Contains("overlaps", issue.Reason);
    }

    [Fact]
    public void Undecodable_audio_is_reported_as_unreadable()
    {
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "broken.wav");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        var features = new ClipFeatures(new FeatureCache(Path.Combine(dir.Path, "cache"), "h"), WavDecoderOptions.Default, LogMelOptions.Default, 1);
        var issues = new List<DatasetIssue>();

        var stored = features.EnsureAll("test", [new LabeledClip("broken.wav", path, [], 0)], null, issues);

        Assert.Null(Assert.Single(stored));
        Assert.StartsWith("unreadable audio: ", Assert.Single(issues).Reason);
    }

    [Fact]
    public void A_clip_replaced_under_the_same_name_is_computed_again()
    {
        using var dir = new TempFolder();
        var audio = Directory.CreateDirectory(Path.Combine(dir.Path, "audio")).FullName;
        var features = new ClipFeatures(new FeatureCache(Path.Combine(dir.Path, "cache"), "h"), WavDecoderOptions.Default, LogMelOptions.Default, 1);
        var first = features.EnsureAll("train_curated", [Clip(audio, "a.wav", 1, 2)], null, new List<DatasetIssue>());
        var before = first[0]!.Load().Values;

        var path = Path.Combine(audio, "a.wav");
        var noise = new Random(7);
        WavWriter.WritePcm16(path, new AudioClip(Enumerable.Range(0, Rate).Select(_ => (float)(noise.NextDouble() - 0.5)).ToArray(), Rate, path));
        var second = features.EnsureAll("train_curated", [new LabeledClip("a.wav", path, [0], 2)], null, new List<DatasetIssue>());

        Assert.NotEqual(first[0]!.Path, second[0]!.Path);
        Assert.NotEqual(before, second[0]!.Load().Values);
        Assert.Equal(new LogMelExtractor(LogMelOptions.Default).Compute(WavDecoder.Decode(path)).Values, second[0]!.Load().Values);
    }

    [Fact]
    public void A_dangling_symbolic_link_is_reported_as_unreadable_and_the_other_clips_are_computed()
    {
        using var dir = new TempFolder();
        var audio = Directory.CreateDirectory(Path.Combine(dir.Path, "audio")).FullName;
        var link = Path.Combine(audio, "gone.wav");
        File.CreateSymbolicLink(link, Path.Combine(dir.Path, "missing.wav"));
        var features = new ClipFeatures(new FeatureCache(Path.Combine(dir.Path, "cache"), "h"), WavDecoderOptions.Default, LogMelOptions.Default, 1);
        var issues = new List<DatasetIssue>();

        var stored = features.EnsureAll("test", [Clip(audio, "good.wav", 1, 2), new LabeledClip("gone.wav", link, [], 3)], null, issues);

        Assert.NotNull(stored[0]);
        Assert.Null(stored[1]);
        var issue = Assert.Single(issues);
        Assert.Equal((link, 3), (issue.File, issue.Line));
        Assert.Contains("symbolic link", issue.Reason, StringComparison.Ordinal);
    }
}
