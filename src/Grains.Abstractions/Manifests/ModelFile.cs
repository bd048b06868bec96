namespace Ensemble.Grains.Abstractions.Manifests;

/// <summary>
/// One file of a served model: its format ("torch": TorchSharp checkpoint with its JSON sidecar; "onnx": ONNX export
/// with normalisation inside the graph), its path and the SHA-256 the model grain verifies before loading it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelFile(
    [property: Id(0)] string Format,
    [property: Id(1)] string Path,
    [property: Id(2)] string Sha256)
{
    public const string TorchFormat = "torch";
    public const string OnnxFormat = "onnx";

    public void Validate(string manifestPath, string modelId)
    {
        if (string.IsNullOrWhiteSpace(Format))
            throw new ArgumentException($"{manifestPath}: a file of model '{modelId}' has no Format");
        if (string.IsNullOrWhiteSpace(Path))
            throw new ArgumentException($"{manifestPath}: the {Format} file of model '{modelId}' has no Path");
        if (Sha256 is not { Length: 64 } || !Sha256.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"{manifestPath}: the {Format} file of model '{modelId}' has Sha256 '{Sha256}', not 64 hex digits");
    }
}
