namespace Ensemble.Training.Recipes;

/// <summary>Which audio each stage trains on: SoX chains (RECIPE "Offline augmentation") whose outputs join the original clips.</summary>
public sealed record DataRecipe
{
    public DataRecipe(IReadOnlyList<string> noisySoxChains, IReadOnlyList<string> curatedSoxChains, bool skipBadClips)
    {
        ArgumentNullException.ThrowIfNull(noisySoxChains);
        ArgumentNullException.ThrowIfNull(curatedSoxChains);
        foreach (var chain in noisySoxChains.Concat(curatedSoxChains))
            if (string.IsNullOrWhiteSpace(chain))
                throw new ArgumentException("SoX chains must not be empty", nameof(curatedSoxChains));
        NoisySoxChains = noisySoxChains.ToArray();
        CuratedSoxChains = curatedSoxChains.ToArray();
        SkipBadClips = skipBadClips;
    }

    public IReadOnlyList<string> NoisySoxChains { get; }
    public IReadOnlyList<string> CuratedSoxChains { get; }
    public bool SkipBadClips { get; }
}
