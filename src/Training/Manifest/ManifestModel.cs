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
    double ValidationLwlrap);
