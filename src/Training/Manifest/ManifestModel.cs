using System.Text.Json.Serialization;

namespace Ensemble.Training.Manifest;

/// <summary>
/// One model of the served ensemble: checkpoint (TorchSharp format) and its ONNX export (both required), relative to the
/// manifest's folder with their SHA-256, the architecture, fold and blend weight (all weights sum to 1).
/// </summary>
public sealed record ManifestModel(
    string Name,
    string Architecture,
    double WidthMultiplier,
    int Fold,
    double Weight,
    string Checkpoint,
    string CheckpointSha256,
    string Onnx,
    string OnnxSha256,
    double ValidationLwlrap)
{
    /// <summary>The manifest entry of one fold of a trained model, e.g. "customcnn-w025-fold1".</summary>
    public static string EntryName(string model, int fold) => $"{model}{FoldSuffix(fold)}";

    /// <summary>The trained model this entry is a fold of: <see cref="Name"/> without its fold suffix.</summary>
    [JsonIgnore]
    public string ModelName => Name.EndsWith(FoldSuffix(Fold), StringComparison.Ordinal) ? Name[..^FoldSuffix(Fold).Length] : Name;

    private static string FoldSuffix(int fold) => $"-fold{fold}";
}
