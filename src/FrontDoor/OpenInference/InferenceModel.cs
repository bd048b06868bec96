namespace Ensemble.FrontDoor.OpenInference;

/// <summary>
/// How the ensemble looks to an Open Inference Protocol client: one model, <see cref="Name"/>, whose version is the
/// active manifest's; one input, a WAV file's bytes; two outputs, every class's score and the class names, both
/// ranked by score (labels[i] names scores[0, i]).
/// </summary>
public static class InferenceModel
{
    public const string Name = "ensemble";
    public const string Platform = "ensemble_orleans";
    public const string AudioInput = "audio";
    public const string ScoresOutput = "scores";
    public const string LabelsOutput = "labels";
    public const string Bytes = "BYTES";
    public const string Fp32 = "FP32";

    /// <summary>Request parameter (Triton's): the deadline in microseconds; the answer holds the models that replied by then.</summary>
    public const string TimeoutParameter = "timeout";

    /// <summary>Input parameter: "base64" for a WAV carried as a base64 string in JSON.</summary>
    public const string ContentTypeParameter = "content_type";
    public const string Base64ContentType = "base64";

    /// <summary>Binary tensor data extension (Triton's), reported in the server metadata.</summary>
    public const string BinaryDataExtension = "binary_tensor_data";
    public const string BinaryDataSizeParameter = "binary_data_size";
    public const string BinaryDataParameter = "binary_data";
    public const string BinaryDataOutputParameter = "binary_data_output";
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";

    /// <summary>Response parameters.</summary>
    public const string PartialParameter = "partial";
    public const string MissingModelsParameter = "missing_models";
    public const string FeatureMsParameter = "feature_ms";
    public const string TotalMsParameter = "total_ms";

    // Per-model figures are flat parameters named model.ID.FIGURE (parameters hold no objects).
    public const string DeviceFigure = "device";
    public const string BatchCropsFigure = "batch_crops";
    public const string QueueMsFigure = "queue_ms";
    public const string ComputeMsFigure = "compute_ms";
    public const string RoundTripMsFigure = "round_trip_ms";
    private const string ModelParameterPrefix = "model.";

    public static string ModelParameter(string modelId, string figure) => $"{ModelParameterPrefix}{modelId}.{figure}";

    /// <summary>The model id and figure of a per-model parameter name, or false for any other parameter.</summary>
    public static bool TryParseModelParameter(string name, out string modelId, out string figure)
    {
        var dot = name.LastIndexOf('.');
        var isModel = name.StartsWith(ModelParameterPrefix, StringComparison.Ordinal) && dot > ModelParameterPrefix.Length;
        modelId = isModel ? name[ModelParameterPrefix.Length..dot] : "";
        figure = isModel ? name[(dot + 1)..] : "";
        return isModel;
    }

    public static readonly string[] Outputs = [ScoresOutput, LabelsOutput];

    /// <summary>The one input, as the metadata lists it.</summary>
    public static TensorSpec Input => new(AudioInput, Bytes, [1]);

    /// <summary>An output of a manifest with <paramref name="classes"/> labels, as the metadata lists it.</summary>
    public static TensorSpec Output(string name, int classes) => name switch
    {
        ScoresOutput => new(ScoresOutput, Fp32, [1, classes]),
        LabelsOutput => new(LabelsOutput, Bytes, [classes]),
        _ => throw new InferenceRequestException($"unknown output '{name}': the model has {string.Join(" and ", Outputs)}"),
    };

    /// <summary>Refuses an input that is not <see cref="Input"/>: another name, datatype or shape.</summary>
    public static void CheckInput(string? name, string? datatype, IReadOnlyList<long>? shape)
    {
        if (!string.Equals(name, AudioInput, StringComparison.Ordinal))
            throw new InferenceRequestException($"unknown input '{name}': the model's input is '{AudioInput}'");
        if (!string.Equals(datatype, Bytes, StringComparison.Ordinal))
            throw new InferenceRequestException($"input '{AudioInput}' has datatype '{datatype}', expected {Bytes}");
        if (shape is not [1])
            throw new InferenceRequestException($"input '{AudioInput}' has shape [{string.Join(", ", shape ?? [])}], expected [1] (one WAV file)");
    }
}
