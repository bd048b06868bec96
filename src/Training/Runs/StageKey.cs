namespace Ensemble.Training.Runs;

/// <summary>
/// One stage of a run: a model's noisy pretraining (<see cref="Fold"/> null) or its curated fine-tuning on fold
/// <see cref="Fold"/>. Plain data, so it serialises as it is.
/// </summary>
public sealed record StageKey(string Model, int? Fold)
{
    public const string PretrainFolder = "pretrain";

    public static StageKey Pretraining(string model) => new(model, null);

    public static StageKey FineTuning(string model, int fold) => new(model, fold);

    public bool IsPretraining => Fold is null;

    /// <summary>The stage's folder under the run: models/NAME/pretrain or models/NAME/fold-K.</summary>
    public string RelativeDirectory => Path.Combine("models", Model, Fold is { } k ? $"fold-{k}" : PretrainFolder);

    public override string ToString() => Fold is { } k ? $"{Model} fold {k + 1}" : $"{Model} noisy pretraining";
}
