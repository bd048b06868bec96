using System.Globalization;
using System.Text.Json;
using Ensemble.Training.Metrics;

namespace Ensemble.Training.Tests.Metrics;

public sealed class LwlrapTests
{
    [Fact]
    public void PerfectRankingScoresOne()
    {
        bool[] truth = [true, false, false, false, true, true];
        float[] scores = [0.9f, 0.1f, 0.2f, 0.1f, 0.8f, 0.7f];
        Assert.Equal(1.0, Lwlrap.Compute(truth, scores, 3).Overall, 12);
    }

    [Fact]
    public void MatchesTheDefinitionByHand()
    {
        // Clip 0: true {0}, ranked 2nd → 1/2. Clip 1: true {1,2}; ranks 1 and 3 → 1/1 and 2/3.
        bool[] truth = [true, false, false, false, true, true];
        float[] scores = [0.5f, 0.9f, 0.1f, 0.5f, 0.9f, 0.1f];
        var result = Lwlrap.Compute(truth, scores, 3);
        Assert.Equal((0.5 + 1.0 + 2.0 / 3.0) / 3.0, result.Overall, 12);
        Assert.Equal([0.5, 1.0, 2.0 / 3.0], result.PerClass);
        Assert.Equal([1, 1, 1], result.LabelCounts);
        Assert.Equal(1.0, result.Weights.Sum(), 12);
    }

    [Fact]
    public void TiesArePessimistic()
    {
        // All scores equal: the true class's rank is the number of classes.
        var result = Lwlrap.Compute([true, false, false, false], [0.3f, 0.3f, 0.3f, 0.3f], 4);
        Assert.Equal(0.25, result.Overall, 12);
    }

    [Fact]
    public void OverallIsTheWeightedSumOfPerClassValues()
    {
        var random = new Random(3);
        var truth = Enumerable.Range(0, 200).Select(_ => random.NextDouble() < 0.2).ToArray();
        truth[0] = true;
        var scores = Enumerable.Range(0, 200).Select(_ => random.NextSingle()).ToArray();
        var result = Lwlrap.Compute(truth, scores, 10);
        var weighted = Enumerable.Range(0, 10).Where(c => result.LabelCounts[c] > 0).Sum(c => result.Weights[c] * result.PerClass[c]);
        Assert.Equal(result.Overall, weighted, 12);
    }

    [Fact]
    public void ClassWithoutLabelsHasNoValueAndNoWeight()
    {
        var result = Lwlrap.Compute([true, false], [0.9f, 0.1f], 2);
        Assert.True(double.IsNaN(result.PerClass[1]));
        Assert.Equal(0.0, result.Weights[1]);
    }

    [Fact]
    public void RejectsBadShapesAndEmptyTruth()
    {
        Assert.Throws<ArgumentException>(() => Lwlrap.Compute([true], [0.1f, 0.2f], 2));
        Assert.Throws<ArgumentException>(() => Lwlrap.Compute([true, false, true], [0.1f, 0.2f, 0.3f], 2));
        Assert.Throws<ArgumentException>(() => Lwlrap.Compute([false, false], [0.1f, 0.2f], 2));
    }

    [Fact]
    public void AgreesWithScikitLearnOnStoredVectors()
    {
        // Written by scripts/compare_lwlrap.py: sklearn's label_ranking_average_precision_score(sample_weight=|C(s)|).
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "lwlrap-sklearn-vectors.json")));
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.True(cases.Length >= 10);
        foreach (var item in cases)
        {
            var classes = item.GetProperty("classes").GetInt32();
            var truth = item.GetProperty("truth").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetInt32() == 1)).ToArray();
            var scores = item.GetProperty("scores").EnumerateArray()
                .SelectMany(r => r.EnumerateArray().Select(v => (float)double.Parse(v.GetString()!, CultureInfo.InvariantCulture))).ToArray();
            var expected = double.Parse(item.GetProperty("sklearn").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(Math.Abs(Lwlrap.Compute(truth, scores, classes).Overall - expected), 0.0, 1e-9);
        }
    }
}
