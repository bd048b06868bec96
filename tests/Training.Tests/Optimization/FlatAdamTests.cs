using Ensemble.Models;
using Ensemble.Training.Optimization;
using Ensemble.Training.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Training.Tests.Optimization;

[Collection(TorchCollection.Name)]
public sealed class FlatAdamTests : IDisposable
{
    private const int Classes = 3;
    private readonly string _directory = Directory.CreateTempSubdirectory("flat-adam-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static nn.Module<Tensor, Tensor> Model()
    {
        using var generator = new Generator(11);
        var model = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.125, Classes), generator);
        // Dropout off, so that every model sees the same gradients (the optimizer is under test, not the masks).
        model.eval();
        return model;
    }

    /// <summary>One forward and backward pass on batch <paramref name="step"/> (the same inputs for every model).</summary>
    private static void Backward(nn.Module<Tensor, Tensor> model, int step)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)(100 + step));
        var input = randn([4, 1, 16, 16], generator: generator);
        var target = (rand([4, Classes], generator: generator) < 0.4).to(float32);
        nn.functional.binary_cross_entropy_with_logits(model.forward(input), target).backward();
    }

    private static float[][] Values(nn.Module<Tensor, Tensor> model) =>
        [.. model.parameters().Select(p => p.detach().cpu().data<float>().ToArray())];

    private static double MaxDifference(float[][] a, float[][] b) =>
        a.Zip(b).Max(pair => pair.First.Zip(pair.Second).Max(v => Math.Abs(v.First - v.Second)));

    private static void StepTorchSharp(nn.Module<Tensor, Tensor> model, optim.Optimizer adam, int step, double learningRate)
    {
        foreach (var group in adam.ParamGroups)
            group.LearningRate = learningRate;
        adam.zero_grad();
        Backward(model, step);
        adam.step();
    }

    private static void StepFlat(nn.Module<Tensor, Tensor> model, FlatAdam adam, int step, double learningRate)
    {
        adam.LearningRate = learningRate;
        adam.ZeroGrad();
        Backward(model, step);
        adam.Step();
    }

    private static double LearningRate(int step) => 2e-3 / (1 + step);

    /// <summary>
    /// A fresh model and FlatAdam from saved weights and optimizer state (written after 3 steps), stepped through steps
    /// 3 and 4 beside <paramref name="stepOther"/> (the run it is compared with); returns the resumed model's values.
    /// </summary>
    private static float[][] ResumeForTwoSteps(string weights, string state, Action<int> stepOther)
    {
        using var resumed = Model();
        resumed.load(weights);
        using var adam = new FlatAdam(resumed.parameters(), LearningRate(3));
        adam.Load(state);
        Assert.Equal(3, adam.Steps);
        for (var step = 3; step < 5; step++)
        {
            stepOther(step);
            StepFlat(resumed, adam, step, LearningRate(step));
        }
        return Values(resumed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1_000)] // many chunks, the last one shorter
    public void Steps_as_TorchSharps_Adam_does_with_weight_decay_and_a_changing_learning_rate(int? chunkValues)
    {
        using var reference = Model();
        using var flat = Model();
        var initial = Values(reference);
        using var referenceAdam = optim.Adam(reference.parameters(), LearningRate(0), weight_decay: 0.01);
        using var flatAdam = new FlatAdam(flat.parameters(), LearningRate(0), weightDecay: 0.01, chunkValues: chunkValues);
        Assert.NotEqual(0, flatAdam.ValueCount % 1_000);
        for (var step = 0; step < 6; step++)
        {
            StepTorchSharp(reference, referenceAdam, step, LearningRate(step));
            StepFlat(flat, flatAdam, step, LearningRate(step));
        }

        Assert.Equal(6, flatAdam.Steps);
        Assert.Equal(reference.parameters().Sum(p => p.numel()), flatAdam.ValueCount);
        Assert.True(MaxDifference(initial, Values(flat)) > 1e-3, "the parameters moved");
        Assert.Equal(0, MaxDifference(Values(reference), Values(flat)));
    }

    [Fact]
    public void A_saved_state_resumes_as_if_never_interrupted()
    {
        using var uninterrupted = Model();
        using var uninterruptedAdam = new FlatAdam(uninterrupted.parameters(), LearningRate(0));
        using var first = Model();
        var path = Path.Combine(_directory, "epoch-3.optim");
        var weights = Path.Combine(_directory, "epoch-3.weights");
        using (var firstAdam = new FlatAdam(first.parameters(), LearningRate(0)))
        {
            for (var step = 0; step < 3; step++)
            {
                StepFlat(uninterrupted, uninterruptedAdam, step, LearningRate(step));
                StepFlat(first, firstAdam, step, LearningRate(step));
            }
            firstAdam.Save(path);
            first.save(weights);
        }

        var resumed = ResumeForTwoSteps(weights, path, step => StepFlat(uninterrupted, uninterruptedAdam, step, LearningRate(step)));

        Assert.Equal(0, MaxDifference(Values(uninterrupted), resumed));
    }

    [Fact]
    public void Resumes_from_the_state_file_of_TorchSharps_Adam_that_runs_before_it_wrote()
    {
        using var reference = Model();
        using var referenceAdam = optim.Adam(reference.parameters(), LearningRate(0));
        for (var step = 0; step < 3; step++)
            StepTorchSharp(reference, referenceAdam, step, LearningRate(step));
        var path = Path.Combine(_directory, "legacy.optim");
        var weights = Path.Combine(_directory, "legacy.weights");
        referenceAdam.save_state_dict(path);
        reference.save(weights);

        var resumed = ResumeForTwoSteps(weights, path, step => StepTorchSharp(reference, referenceAdam, step, LearningRate(step)));

        Assert.Equal(0, MaxDifference(Values(reference), resumed));
    }

    [Fact]
    public void A_state_file_of_another_kind_or_model_is_refused_naming_the_file()
    {
        using var model = Model();
        using var adam = new FlatAdam(model.parameters(), 1e-3);
        var garbage = Path.Combine(_directory, "garbage.optim");
        File.WriteAllBytes(garbage, [3, 1, 2, 3, 4, 5]);
        var notAdam = Assert.Throws<InvalidDataException>(() => adam.Load(garbage));
        Assert.Contains(garbage, notAdam.Message, StringComparison.Ordinal);

        using var other = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.25, Classes));
        using var otherAdam = new FlatAdam(other.parameters(), 1e-3);
        var otherPath = Path.Combine(_directory, "other.optim");
        otherAdam.Save(otherPath);
        var mismatch = Assert.Throws<InvalidDataException>(() => adam.Load(otherPath));
        Assert.Contains(otherPath, mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("values", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal(0, adam.Steps);
    }

    [Fact]
    public void Built_inside_a_dispose_scope_it_outlives_the_scope()
    {
        using var model = Model();
        var initial = Values(model);
        FlatAdam adam;
        using (NewDisposeScope())
            adam = new FlatAdam(model.parameters(), 1e-3);
        using (adam)
        {
            Backward(model, 0);
            adam.Step();
        }

        Assert.True(MaxDifference(initial, Values(model)) > 1e-4, "the step moved the parameters");
    }

    [Fact]
    public void A_gradient_taken_out_of_the_flat_buffer_stops_the_first_step()
    {
        using var model = Model();
        using var adam = new FlatAdam(model.parameters(), 1e-3);
        Backward(model, 0);
        // What a module's zero_grad(set_to_none) does to one parameter.
        model.parameters().First().grad = null;

        var error = Assert.Throws<InvalidOperationException>(adam.Step);
        Assert.Contains("parameter 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_option_is_reported_at_once()
    {
        using var model = Model();
        var error = Assert.Throws<ArgumentException>(() => new FlatAdam(model.parameters(), -1, weightDecay: -0.5, beta1: 1, epsilon: double.NaN));
        foreach (var part in new[] { "learning rate -1", "weight decay -0.5", "beta1 1", "epsilon NaN" })
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        Assert.Contains("no parameters", Assert.Throws<ArgumentException>(() => new FlatAdam([], 1e-3)).Message, StringComparison.Ordinal);
    }
}
