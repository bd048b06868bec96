namespace Ensemble.Training.Recipes;

/// <summary>One architecture of the ensemble: trained once per fold after one noisy pretraining.</summary>
public sealed record ModelRecipe
{
    public ModelRecipe(string name, string architecture, double widthMultiplier, int noisyEpochs, int curatedEpochs, int? cycleEpochs = null,
        int? torchThreads = null, int? seedOffset = null)
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
        SeedOffset = seedOffset;
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

    /// <summary>Added to the recipe's seed for this model's stages (initial weights, dropout, shuffles, crops,
    /// augmentation; never the folds, which every model shares so their OOF scores blend): two models that differ only
    /// by it are the same network trained from other draws (seed averaging). Null: 0, the recipe's seed.</summary>
    public int? SeedOffset { get; }

    /// <summary>The seed this model's stages derive theirs from.</summary>
    public int SeedFor(int recipeSeed) => unchecked(recipeSeed + (SeedOffset ?? 0));

    /// <summary>Everything that decides what this model's training draws and computes, its name aside: two models with
    /// the same key would train to the same weights.</summary>
    internal (string Architecture, double Width, int Noisy, int Curated, int? Cycle, int Seed) TrainingKey =>
        (Architecture, WidthMultiplier, NoisyEpochs, CuratedEpochs, CycleEpochs, SeedOffset ?? 0);

    /// <summary>The recipe's optimizer with this model's cycle length, if it sets one.</summary>
    public OptimizerOptions OptimizerFor(OptimizerOptions recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return CycleEpochs is { } cycle ? recipe.WithCycleEpochs(cycle) : recipe;
    }

    public bool IsInception => Architecture != Ensemble.Models.ModelSpec.CustomCnn;
}
