using Ensemble.Audio.Features;
using Ensemble.Models;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;
using TorchSharp.Modules;

namespace Ensemble.Training.Tests.Runs;

[Collection(TorchCollection.Name)]
public sealed class OutputBiasPriorTests
{
    private static TrainingItem Item(params float[] targets) => new("x.wav", new LogMel(new float[4], 2, 2), targets);

    [Fact]
    public void LogPriorOdds_AreSmoothedLogOddsOfEachClassShare()
    {
        // 8 items: class 0 in 3, class 1 in 0, class 2 in all 8.
        var items = Enumerable.Range(0, 8).Select(i => Item(i < 3 ? 1 : 0, 0, 1)).ToArray();
        var odds = OutputBiasPrior.LogPriorOdds(items, 3);
        Assert.Equal(Math.Log(0.4 / 0.6), odds[0], 5);   // (3 + 1) / (8 + 2)
        Assert.Equal(Math.Log(0.1 / 0.9), odds[1], 5);   // absent class: finite, low
        Assert.Equal(Math.Log(0.9 / 0.1), odds[2], 5);
    }

    [Theory]
    [InlineData(ModelSpec.CustomCnn)]
    [InlineData(ModelSpec.Inception1)]
    public void Apply_SetsTheLastLinearLayersBias(string architecture)
    {
        using var model = ModelFactory.Create(new ModelSpec(architecture, classes: 3));
        var items = new[] { Item(1, 0, 0), Item(0, 1, 0), Item(1, 0, 0), Item(0, 0, 0) };
        OutputBiasPrior.Apply(model, items);
        var bias = model.modules().OfType<Linear>().Last().bias!.data<float>().ToArray();
        Assert.Equal(OutputBiasPrior.LogPriorOdds(items, 3), bias);
    }

    [Fact]
    public void Apply_RefusesTargetsOfAnotherWidth()
    {
        using var model = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.125, classes: 3));
        Assert.Throws<ArgumentException>(() => OutputBiasPrior.Apply(model, [Item(1, 0)]));
    }
}
