using System.Buffers.Binary;
using System.Text;
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
            var (shape, datatype, data, bytes) = asked.Name switch
            {
                InferenceModel.ScoresOutput => (new long[] { 1, ranked.Scores.Length }, InferenceModel.Fp32, (object)ranked.Scores, Fp32Bytes(ranked.Scores)),
                InferenceModel.LabelsOutput => (new long[] { ranked.Labels.Length }, InferenceModel.Bytes, ranked.Labels, BytesElements(ranked.Labels)),
                _ => throw new InferenceRequestException($"unknown output '{asked.Name}'"),
            };
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

    private static byte[] Fp32Bytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return bytes;
    }

    private static byte[] BytesElements(string[] values)
    {
        using var stream = new MemoryStream();
        Span<byte> length = stackalloc byte[sizeof(uint)];
        foreach (var value in values)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8.Length);
            stream.Write(length);
            stream.Write(utf8);
        }
        return stream.ToArray();
    }
}
