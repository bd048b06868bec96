namespace Ensemble.Training.Recipes;

/// <summary>Adam with a cosine learning rate from <see cref="LearningRateMax"/> down to <see cref="LearningRateMin"/>, restarting every <see cref="CycleEpochs"/> epochs (RECIPE).</summary>
public sealed record OptimizerOptions
{
    public const double DefaultLearningRateMax = 1e-3;
    public const double DefaultLearningRateMin = 1e-5;
    public const int DefaultCycleEpochs = 10;

    public OptimizerOptions(double learningRateMax, double learningRateMin, int cycleEpochs, int batchSize, double weightDecay,
        bool outputBiasFromPrior = false)
    {
        if (!(learningRateMax > 0) || double.IsInfinity(learningRateMax))
            throw new ArgumentException($"LearningRateMax must be positive, got {learningRateMax}", nameof(learningRateMax));
        if (!(learningRateMin >= 0) || learningRateMin > learningRateMax)
            throw new ArgumentException($"LearningRateMin must be in [0, LearningRateMax], got {learningRateMin}", nameof(learningRateMin));
        if (cycleEpochs < 1)
            throw new ArgumentException($"CycleEpochs must be at least 1, got {cycleEpochs}", nameof(cycleEpochs));
        if (batchSize < 2)
            throw new ArgumentException($"BatchSize must be at least 2 (batch norm), got {batchSize}", nameof(batchSize));
        if (!(weightDecay >= 0))
            throw new ArgumentException($"WeightDecay must be non-negative, got {weightDecay}", nameof(weightDecay));
        LearningRateMax = learningRateMax;
        LearningRateMin = learningRateMin;
        CycleEpochs = cycleEpochs;
        BatchSize = batchSize;
        WeightDecay = weightDecay;
        OutputBiasFromPrior = outputBiasFromPrior;
    }

    public double LearningRateMax { get; }
    public double LearningRateMin { get; }
    public int CycleEpochs { get; }
    public int BatchSize { get; }
    public double WeightDecay { get; }

    /// <summary>
    /// Start a stage trained from scratch with the output layer's bias at each class's log prior odds in the stage's
    /// training labels (Lin et al. 2017), instead of the framework's default. The first epochs then learn features rather
    /// than the label frequencies, which matters when a stage has only a few hundred steps. Off in the 7th-place recipe.
    /// </summary>
    public bool OutputBiasFromPrior { get; }

    /// <summary>These options with another cycle length (validated as the constructor does).</summary>
    public OptimizerOptions WithCycleEpochs(int cycleEpochs) =>
        new(LearningRateMax, LearningRateMin, cycleEpochs, BatchSize, WeightDecay, OutputBiasFromPrior);

    /// <summary>Learning rate of 0-based epoch <paramref name="epoch"/>: cosine within each cycle (SGDR without warm-up growth).</summary>
    public double LearningRateAt(int epoch)
    {
        var t = (double)(epoch % CycleEpochs) / CycleEpochs;
        return LearningRateMin + (LearningRateMax - LearningRateMin) * 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
