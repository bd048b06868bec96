namespace Ensemble.Models.Onnx;

/// <summary>The module cannot be written as ONNX (unknown architecture, a missing or unexpected layer, an unsupported setting).</summary>
public sealed class OnnxExportException(string message) : Exception(message);
