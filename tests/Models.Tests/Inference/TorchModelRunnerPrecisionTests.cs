using Ensemble.Models.Inference;
using Ensemble.Settings;
using TorchSharp;

namespace Ensemble.Models.Tests.Inference;

public sealed class TorchModelRunnerPrecisionTests
{
    private static readonly ModelSpec Spec = new(ModelSpec.CustomCnn, widthMultiplier: 0.125, classes: 6);

    [Fact]
    public void BFloat16_GivesLogitsCloseToFloat32()
    {
        var crops = RandomCrops(4, seed: 2);
        var fp32 = Run(new TorchModelRunnerOptions(AudioOptions.Default), crops, 4);
        var bf16 = Run(new TorchModelRunnerOptions(AudioOptions.Default, precision: InferencePrecision.Bf16), crops, 4);

        Assert.Equal(fp32.Length, bf16.Length);
        Assert.All(bf16, v => Assert.True(float.IsFinite(v)));
        var scale = Math.Max(1f, fp32.Max(Math.Abs));
        var difference = fp32.Zip(bf16, (a, b) => Math.Abs(a - b)).Max();
        // bf16 keeps 8 significant bits (relative step 2^-8 ≈ 0.4 %); errors add up over the layers.
        Assert.True(difference <= 0.1f * scale, $"max |bf16 − fp32| = {difference}, largest logit {scale}");
        Assert.NotEqual(fp32, bf16);
    }

    [Fact]
    public void BorrowedModel_RejectsBFloat16()
    {
        using var model = ModelFactory.Create(Spec);
        var error = Assert.Throws<ArgumentException>(() => TorchModelRunner.Borrow(model, Spec.Classes,
            new TorchModelRunnerOptions(AudioOptions.Default, precision: InferencePrecision.Bf16)));
        Assert.Contains("borrowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CudnnBenchmark_PadsToAPowerOfTwoAndGivesTheUnpaddedLogits()
    {
        var options = new TorchModelRunnerOptions(AudioOptions.Default, cudnnBenchmark: true);
        Assert.Equal([1, 2, 4, 4, 8, 256], new[] { 1, 2, 3, 4, 5, 256 }.Select(options.PaddedBatch));
        Assert.Equal(3, new TorchModelRunnerOptions(AudioOptions.Default).PaddedBatch(3));

        var crops = RandomCrops(3, seed: 4);
        var plain = Run(new TorchModelRunnerOptions(AudioOptions.Default), crops, 3);
        var padded = Run(options, crops, 3);

        Assert.True(LibTorchContext.CudnnBenchmark, "the runner sets libtorch's flag");
        Assert.Equal(plain.Length, padded.Length);
        for (var i = 0; i < plain.Length; i++)
            Assert.Equal(plain[i], padded[i], 1e-4f);
    }

    [Fact]
    public void LibTorchContext_ReadsBackTheFlagItSets()
    {
        LibTorchContext.CudnnBenchmark = true;
        Assert.True(LibTorchContext.CudnnBenchmark);
    }

    [Fact]
    public void UnknownPrecision_IsReportedWithTheOtherProblems()
    {
        var error = Assert.Throws<ArgumentException>(() => new TorchModelRunnerOptions(AudioOptions.Default, " ", intraOpThreads: -1, precision: (InferencePrecision)7));
        Assert.Contains("Device", error.Message, StringComparison.Ordinal);
        Assert.Contains("IntraOpThreads", error.Message, StringComparison.Ordinal);
        Assert.Contains("Precision", error.Message, StringComparison.Ordinal);
    }

    private static float[] Run(TorchModelRunnerOptions options, float[] crops, int batch)
    {
        // The same weights for every runner: a fixed generator draws them.
        using var generator = new torch.Generator(11);
        using var runner = new TorchModelRunner(ModelFactory.Create(Spec, generator), Spec.Classes, options);
        return runner.Run(crops, batch);
    }

    private static float[] RandomCrops(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * 128 * 128).Select(_ => (float)(random.NextDouble() * 60 - 80)).ToArray();
    }
}
