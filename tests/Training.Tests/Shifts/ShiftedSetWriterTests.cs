using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Audio.Shifts;
using Ensemble.Training.Shifts;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Shifts;

public sealed class ShiftedSetWriterTests
{
    private const string Truth = "fname,labels\na.wav,Bark\nb.wav,Drip\n";

    private static TempFolder Source()
    {
        var folder = new TempFolder();
        foreach (var (name, hz) in new[] { ("a.wav", 440.0), ("b.wav", 2000.0) })
        {
            var samples = Enumerable.Range(0, 22050).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * hz * i / 44100))).ToArray();
            Directory.CreateDirectory(Path.Combine(folder.Path, "audio"));
            WavWriter.WritePcm16(Path.Combine(folder.Path, "audio", name), new AudioClip(samples, 44100, name));
        }
        folder.File("test.csv", Truth);
        return folder;
    }

    [Fact]
    public void WritesEveryConditionsClipsAndTruthThenTheManifest()
    {
        using var source = Source();
        var output = Path.Combine(source.Path, "shifted");
        var written = ShiftedSetWriter.Write(Path.Combine(source.Path, "audio"), Path.Combine(source.Path, "test.csv"), output, seed: 9, parallelism: 2);

        var loaded = ShiftedSetManifest.Load(output);
        Assert.Equal(written.Conditions, loaded.Conditions);
        Assert.Equal((9, 2, "test.csv"), (loaded.Seed, loaded.Clips, loaded.Truth));
        Assert.Equal(ShiftSet.Create(9).Select(c => c.Name), loaded.Conditions.Select(c => c.Name));
        foreach (var condition in loaded.Conditions)
        {
            Assert.Equal(Truth, File.ReadAllText(Path.Combine(output, condition.Name, "test.csv")));
            Assert.Equal(["a.wav", "b.wav", "test.csv"], Directory.GetFiles(Path.Combine(output, condition.Name)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        var quiet = WavDecoder.Decode(Path.Combine(output, "level-minus20db", "a.wav"));
        var plain = WavDecoder.Decode(Path.Combine(source.Path, "audio", "a.wav"));
        Assert.Equal(0.1 * plain.Samples.Max(), quiet.Samples.Max(), 3);
    }

    [Fact]
    public void TheSameSeedWritesTheSameBytesAndAnotherSeedOtherNoise()
    {
        using var source = Source();
        string Write(string name, int seed)
        {
            var output = Path.Combine(source.Path, name);
            ShiftedSetWriter.Write(Path.Combine(source.Path, "audio"), Path.Combine(source.Path, "test.csv"), output, seed, parallelism: 1);
            return output;
        }
        var first = Write("one", 1);
        var again = Write("two", 1);
        var other = Write("three", 2);
        byte[] Bytes(string set, string condition) => File.ReadAllBytes(Path.Combine(set, condition, "b.wav"));
        Assert.Equal(Bytes(first, "noise-white-10db"), Bytes(again, "noise-white-10db"));
        Assert.Equal(Bytes(first, "room-large"), Bytes(again, "room-large"));
        Assert.NotEqual(Bytes(first, "noise-white-10db"), Bytes(other, "noise-white-10db"));
        Assert.NotEqual(Bytes(first, "room-large"), Bytes(other, "room-large"));
    }

    [Fact]
    public void ABadSourceWavStopsTheSetNamingTheFileAndWritesNoManifest()
    {
        using var source = Source();
        var bad = source.File("audio/c.wav", "not a wav");
        var output = Path.Combine(source.Path, "shifted");
        var e = Assert.Throws<AudioFormatException>(() =>
            ShiftedSetWriter.Write(Path.Combine(source.Path, "audio"), Path.Combine(source.Path, "test.csv"), output, seed: 1, parallelism: 2));
        Assert.Contains(bad, e.Message);
        Assert.False(File.Exists(Path.Combine(output, ShiftedSetManifest.FileName)));
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ASetWithoutItsManifestIsRefusedNamingTheFile()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => ShiftedSetManifest.Load(folder.Path));
        Assert.Contains(ShiftedSetManifest.FileName, e.Message);
    }
}
