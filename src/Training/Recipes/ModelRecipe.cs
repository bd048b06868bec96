namespace Ensemble.Training.Recipes;

/// <summary>One architecture of the ensemble: trained once per fold after one noisy pretraining.</summary>
public sealed record ModelRecipe
{
    public ModelRecipe(string name, string architecture, double widthMultiplier, int noisyEpochs, int curatedEpochs, int? cycleEpochs = null,
        int? torchThreads = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"Name must be a non-empty file-name-safe word, got '{name}'", nameof(name));
        if (!Ensemble.Models.ModelSpec.Architectures.Contains(architecture))
            throw new ArgumentException($"Architecture must be one of {string.Join(", ", Ensemble.Models.ModelSpec.Architectures)}, got '{architecture}'", nameof(architecture));
        if (noisyEpochs < 0)
            throw new ArgumentException($"NoisyEpochs must be non-negative, got {noisyEpochs}", nameof(noisyEpochs));
        if (curatedEpochs < 1)
            throw new ArgumentException($"CuratedEpochs must be at least 1, got {curatedEpochs}", nameof(curatedEpochs));
        if (cycleEpochs < 1)
            throw new ArgumentException($"CycleEpochs must be at least 1 when given, got {cycleEpochs}", nameof(cycleEpochs));
        if (torchThreads < 0)
            throw new ArgumentException($"TorchThreads must be 0 (all cores) or positive when given, got {torchThreads}", nameof(torchThreads));
        // ModelSpec checks the multiplier against the architecture.
        _ = new Ensemble.Models.ModelSpec(architecture, widthMultiplier);
        Name = name;
        Architecture = architecture;
        WidthMultiplier = widthMultiplier;
        NoisyEpochs = noisyEpochs;
        CuratedEpochs = curatedEpochs;
        CycleEpochs = cycleEpochs;
        TorchThreads = torchThreads;
    }

    public string Name { get; }
    public string Architecture { get; }
    public double WidthMultiplier { get; }
    public int NoisyEpochs { get; }
    public int CuratedEpochs { get; }

    /// <summary>This model's cosine cycle length when it differs from the recipe's <c>optimizer.cycleEpochs</c>
    /// (a model trained for fewer epochs can still anneal within its budget); null uses the recipe's.</summary>
    public int? CycleEpochs { get; }

    /// <summary>libtorch intra-op threads while this model trains and predicts, when it differs from the recipe's
    /// <c>torchThreads</c>: a slim network's small operators can run slower split over cores than on one.</summary>
    public int? TorchThreads { get; }

    /// <summary>The recipe's optimizer with this model's cycle length, if it sets one.</summary>
    public OptimizerOptions OptimizerFor(OptimizerOptions recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return CycleEpochs is { } cycle ? recipe.WithCycleEpochs(cycle) : recipe;
    }

    public bool IsInception => Architecture != Ensemble.Models.ModelSpec.CustomCnn;
}
