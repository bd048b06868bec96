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

    public static readonly string[] Outputs = [ScoresOutput, LabelsOutput];
}
