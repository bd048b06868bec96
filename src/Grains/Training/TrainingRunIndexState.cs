namespace Ensemble.Grains.Training;

/// <summary>The run index's grain state.</summary>
[GenerateSerializer]
public sealed class TrainingRunIndexState
{
#pragma warning disable CA1002 // grain state: its one owner edits the list in place
    [Id(0)] public List<string> RunIds { get; set; } = [];
#pragma warning restore CA1002
}
