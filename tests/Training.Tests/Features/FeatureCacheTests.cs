using Ensemble.Audio.Features;
using Ensemble.Training.Features;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Features;

public sealed class FeatureCacheTests
{
    private static LogMel Matrix(float seed) => new([seed, seed + 1, seed + 2, seed + 3, seed + 4, seed + 5], 2, 3);

    [Fact]
    public void ComputesOnceThenReadsFromDisk()
    {
        using var dir = new TempFolder();
        var cache = new FeatureCache(dir.Path, "abc");
        var calls = 0;
        var firstHandle = cache.Ensure("train_curated", "a.wav", () => { calls++; return Matrix(1); });
        var secondHandle = new FeatureCache(dir.Path, "abc").Ensure("train_curated", "a.wav", () => { calls++; return Matrix(9); });
        var (first, second) = (firstHandle.Load(), secondHandle.Load());
        Assert.Equal(1, calls);
        Assert.Equal(firstHandle, secondHandle);
        Assert.Equal((2, 3), (secondHandle.MelBands, secondHandle.Frames));
        Assert.Equal(first.Values, second.Values);
        Assert.Equal(Matrix(1).Values, second.Values);
        Assert.Equal((2, 3), (second.MelBands, second.Frames));
        Assert.True(File.Exists(Path.Combine(dir.Path, "abc", "train_curated", "a.wav.bin")));
    }

    [Fact]
    public void ConcurrentFillersNeverSeeAPartialFile()
    {
        using var dir = new TempFolder();
        var cache = new FeatureCache(dir.Path, "h");
        using var barrier = new Barrier(4);
        var results = new LogMel[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            barrier.SignalAndWait();
            for (var k = 0; k < 25; k++)
                results[i] = cache.Ensure("v", $"{k}.wav", () => Matrix(k)).Load();
        });
        for (var k = 0; k < 25; k++)
            Assert.Equal(Matrix(k).Values, FeatureCache.Read(cache.PathOf("v", $"{k}.wav")).Values);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void SoxVariantsGetTheirOwnFolder()
    {
        Assert.Equal("train_noisy", FeatureCache.Variant("train_noisy", null));
        var pitch = FeatureCache.Variant("train_noisy", "pitch -500");
        Assert.StartsWith("train_noisy~pitch_-500~", pitch, StringComparison.Ordinal);
        Assert.NotEqual(pitch, FeatureCache.Variant("train_noisy", "pitch 500"));
    }

    [Fact]
    public void CorruptFileIsAnErrorNamingIt()
    {
        using var dir = new TempFolder();
        var path = dir.File("h/v/a.wav.bin", "garbage");
        var e = Assert.Throws<InvalidDataException>(() => FeatureCache.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHandleWhoseFileChangedShapeIsAnErrorNamingIt()
    {
        using var dir = new TempFolder();
        var cache = new FeatureCache(dir.Path, "h");
        var handle = cache.Ensure("v", "a.wav", () => Matrix(1));
        FeatureCache.Write(handle.Path, new LogMel(new float[8], 2, 4));
        var e = Assert.Throws<InvalidDataException>(() => handle.Load());
        Assert.Contains(handle.Path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadShapeRejectsATruncatedFile()
    {
        using var dir = new TempFolder();
        var cache = new FeatureCache(dir.Path, "h");
        var handle = cache.Ensure("v", "a.wav", () => Matrix(1));
        var bytes = File.ReadAllBytes(handle.Path);
        File.WriteAllBytes(handle.Path, bytes[..^4]);
        var e = Assert.Throws<InvalidDataException>(() => FeatureCache.ReadShape(handle.Path));
        Assert.Contains("2×3", e.Message, StringComparison.Ordinal);
    }
}
