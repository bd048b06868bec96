using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using TorchSharp;
using static TorchSharp.torch;
using Ensemble.Settings;

namespace Ensemble.Models.Tests.Inference;

public sealed class TorchModelRunnerTests
{
    private static readonly ModelSpec Spec = new(ModelSpec.CustomCnn, widthMultiplier: 0.125, classes: 6);

    [Fact]
    public void Run_GivesTheModelsEvalLogitsOnNormalisedCrops()
    {
        using var model = ModelFactory.Create(Spec);
        model.eval();
        var crops = RandomCrops(3, seed: 1);
        using var normalized = CropNormalization.Normalize(tensor(crops, [3, 1, 128, 128]));
        float[] expected;
        using (no_grad())
            expected = model.forward(normalized).data<float>().ToArray();

        using var dir = new TempDirectory();
        Checkpoint.Save(model, Spec, ["a", "b", "c", "d", "e", "f"], AudioOptions.Default, "r", dir.File("m"));
        using var loaded = TorchModelRunner.FromCheckpoint(dir.File("m"), new TorchModelRunnerOptions(AudioOptions.Default));
        var actual = loaded.Run(crops, 3);
        Assert.Equal(3 * 6, actual.Length);
        Assert.Equal((128, 128), loaded.CropShape);
        Assert.Equal(6, loaded.ClassCount);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-5f);
    }

    [Fact]
    public void ConcurrentCalls_GiveTheSameResultsAsSequentialOnes()
    {
        using var runner = new TorchModelRunner(ModelFactory.Create(Spec), Spec.Classes, new TorchModelRunnerOptions(AudioOptions.Default));
        var inputs = Enumerable.Range(0, 8).Select(i => RandomCrops(2, seed: 10 + i)).ToArray();
        var sequential = inputs.Select(x => runner.Run(x, 2)).ToArray();

        var concurrent = new float[inputs.Length][];
        using var start = new Barrier(inputs.Length);
        var threads = Enumerable.Range(0, inputs.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            concurrent[i] = runner.Run(inputs[i], 2);
        })).ToArray();
        foreach (var t in threads)
            t.Start();
        foreach (var t in threads)
            t.Join();

        for (var i = 0; i < inputs.Length; i++)
            Assert.Equal(sequential[i], concurrent[i]);
    }

    [Fact]
    public void WrongInputLength_NamesTheProblem()
    {
        using var runner = new TorchModelRunner(ModelFactory.Create(Spec), Spec.Classes, new TorchModelRunnerOptions(AudioOptions.Default));
        var error = Assert.Throws<ArgumentException>(() => runner.Run(new float[128 * 127], 1));
        Assert.Equal("crops", error.ParamName);
    }

    [Fact]
    public void WrongClassCount_IsReportedAtRunTime()
    {
        using var runner = new TorchModelRunner(ModelFactory.Create(Spec), classCount: 7, new TorchModelRunnerOptions(AudioOptions.Default));
        Assert.Throws<InvalidOperationException>(() => runner.Run(RandomCrops(1, 3), 1));
    }

    [Fact]
    public void UnknownDevice_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new TorchModelRunner(ModelFactory.Create(Spec), Spec.Classes, new TorchModelRunnerOptions(AudioOptions.Default, device: "tpu")));
    }

    [Fact]
    public void AfterDispose_RunThrows()
    {
        var runner = new TorchModelRunner(ModelFactory.Create(Spec), Spec.Classes, new TorchModelRunnerOptions(AudioOptions.Default));
        runner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => runner.Run(RandomCrops(1, 3), 1));
    }

    [Fact]
    public void NegativeThreads_NamesTheField()
    {
        Assert.Equal("intraOpThreads", Assert.Throws<ArgumentException>(() => new TorchModelRunnerOptions(AudioOptions.Default, intraOpThreads: -1)).ParamName);
    }

    private static float[] RandomCrops(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * 128 * 128).Select(_ => (float)(random.NextDouble() * 60 - 80)).ToArray();
    }
}
