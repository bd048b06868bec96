namespace Ensemble.Models.Onnx;

/// <summary>
/// An ONNX file whose input format this build does not run (format 1: the graph holds the network only and expects
/// crops standardised by the caller). Names the file; the fix is to export the checkpoint again or retrain.
/// </summary>
public sealed class OutdatedOnnxModelException : Exception
{
    public OutdatedOnnxModelException(string file, int foundFormat, int currentFormat)
        : base($"{file}: ONNX input format {foundFormat}, this build runs format {currentFormat} (per-crop normalisation " +
            "inside the graph): export the checkpoint again with `ensemble export-onnx` or retrain the run")
    {
        File = file;
        FoundFormat = foundFormat;
        CurrentFormat = currentFormat;
    }

    public string File { get; }
    public int FoundFormat { get; }
    public int CurrentFormat { get; }
}
