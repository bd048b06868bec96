using Ensemble.Training.Data;
using Ensemble.Training.Folds;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Folds;

public sealed class IterativeStratificationTests
{
    private static int[][] RandomLabels(int n, int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
            Enumerable.Range(0, 1 + (random.NextDouble() < 0.3 ? 1 : 0)).Select(_ => random.Next(classes)).Distinct().ToArray()).ToArray();
    }

    [Fact]
    public void DeterministicForASeedAndDifferentAcrossSeeds()
    {
        var labels = RandomLabels(300, 20, 1);
        Assert.Equal(IterativeStratification.Assign(labels, 20, 5, 42), IterativeStratification.Assign(labels, 20, 5, 42));
        Assert.NotEqual(IterativeStratification.Assign(labels, 20, 5, 42), IterativeStratification.Assign(labels, 20, 5, 43));
    }

    [Fact]
    public void FoldsAreBalancedInSizeAndPerLabel()
    {
        var labels = RandomLabels(500, 20, 2);
        var folds = IterativeStratification.Assign(labels, 20, 5, 7);
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToArray();
        // The method balances labels first; sizes stay within a few percent of n/k.
        Assert.True(sizes.Max() - sizes.Min() <= 12, string.Join(",", sizes));
        for (var c = 0; c < 20; c++)
        {
            var perFold = Enumerable.Range(0, 5).Select(f => labels.Where((l, i) => folds[i] == f && l.Contains(c)).Count()).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 2, $"class {c}: {string.Join(",", perFold)}");
        }
    }

    [Fact]
    public void UnlabelledExamplesAreAssignedToo()
    {
        int[][] labels = [[0], [], [1], [], [0, 1], []];
        Assert.All(IterativeStratification.Assign(labels, 2, 2, 1), f => Assert.InRange(f, 0, 1));
    }

    [Fact]
    public void RejectsTooFewExamplesAndBadLabels()
    {
        Assert.Throws<ArgumentException>(() => IterativeStratification.Assign([[0]], 1, 2, 0));
        Assert.Throws<ArgumentException>(() => IterativeStratification.Assign([[0], [3]], 2, 2, 0));
        Assert.Throws<ArgumentException>(() => IterativeStratification.Assign([[0], [1]], 2, 1, 0));
    }

    [Fact]
    public void AssignmentSavesAndLoads()
    {
        using var dir = new TempFolder();
        var clips = Enumerable.Range(0, 10).Select(i => new LabeledClip($"{i}.wav", $"{i}.wav", [i % 3], i + 2)).ToArray();
        var folds = FoldAssignment.Create(clips, 3, 2, 5);
        var path = Path.Combine(dir.Path, FoldAssignment.FileName);
        folds.Save(path);
        Assert.Equal(folds.FoldOf.OrderBy(p => p.Key), FoldAssignment.Load(path, 2).FoldOf.OrderBy(p => p.Key));
    }
}
