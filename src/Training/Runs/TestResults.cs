namespace Ensemble.Training.Runs;

/// <summary>lwlrap on a labelled test split: each architecture (folds averaged), the equal, OOF-optimised and guarded blends (NaN without labels).</summary>
public sealed record TestResults(IReadOnlyList<(string Name, double Lwlrap)> Models, double EqualBlend, double OptimizedBlend, double GuardedBlend);
