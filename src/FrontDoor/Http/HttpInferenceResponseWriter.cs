using System.Text.Json;
using Ensemble.FrontDoor.Http.Json;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.FrontDoor.Http;

/// <summary>
/// Writes the inference response: the outputs asked for, in their order, as JSON data, or as binary tensor data after
/// the JSON object (FP32 little-endian; BYTES as a 4-byte length then the UTF-8 name) when asked with "binary_data".
/// </summary>
internal static class HttpInferenceResponseWriter
{
    /// <summary>The body, and the JSON object's length when binary data follows it (the Inference-Header-Content-Length).</summary>
    public static (byte[] Body, int? HeaderLength) Write(ClipTagResult result, ClipInferenceCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var ranked = RankedScores.From(result);
        using var binary = new MemoryStream();
        var outputs = new List<ResponseOutputBody>();
        foreach (var asked in call.Outputs)
        {
            var (_, datatype, shape) = InferenceModel.Output(asked.Name, ranked.Scores.Length);
            var (data, bytes) = asked.Name == InferenceModel.ScoresOutput
                ? ((object)ranked.Scores, TensorBytes.Fp32(ranked.Scores))
                : (ranked.Labels, TensorBytes.BytesElements(ranked.Labels));
            if (asked.Binary)
            {
                binary.Write(bytes);
                outputs.Add(new ResponseOutputBody(asked.Name, shape, datatype, new Dictionary<string, object> { [InferenceModel.BinaryDataSizeParameter] = bytes.Length }, null));
            }
            else
            {
                outputs.Add(new ResponseOutputBody(asked.Name, shape, datatype, null, data));
            }
        }
        var body = new InferenceResponseBody(InferenceModel.Name, result.ManifestVersion, call.Id, new Dictionary<string, object>(ranked.Parameters), outputs.ToArray());
        var json = JsonSerializer.SerializeToUtf8Bytes(body, OipJson.Options);
        return binary.Length == 0 ? (json, null) : ([.. json, .. binary.ToArray()], json.Length);
    }
}
