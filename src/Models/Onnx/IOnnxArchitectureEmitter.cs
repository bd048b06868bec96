namespace Ensemble.Models.Onnx;

/// <summary>Writes one architecture's forward pass (eval mode) as ONNX nodes, reading layers by PyTorch module path.</summary>
public interface IOnnxArchitectureEmitter
{
    /// <summary>The architecture name recorded in the model metadata ("inception3", "customcnn", …).</summary>
    string Architecture(NamedModules modules);

    bool Matches(NamedModules modules);

    /// <summary>The smallest mel-band and frame count the forward accepts (pooling shrinks the map).</summary>
    (int MelBands, int Frames) MinimumCropShape { get; }

    /// <summary>Emits the forward pass from <paramref name="crops"/> ([N, 1, F, T]); returns the logits value ([N, classes]) and the class count.</summary>
    (string Logits, long ClassCount) Emit(OnnxGraphBuilder builder, NamedModules modules, string crops);
}
