using System.Text.Json;
using Ensemble.FrontDoor.Http.Json;
using Ensemble.FrontDoor.OpenInference;

namespace Ensemble.FrontDoor.Http;

/// <summary>
/// Reads an HTTP inference request body: the JSON object alone, or (binary tensor data extension) the JSON object of
/// <c>Inference-Header-Content-Length</c> bytes followed by the input tensors' bytes. The one input is <c>audio</c>,
/// BYTES, shape [1]: in JSON a base64 string with <c>"parameters": {"content_type": "base64"}</c>; as binary data a
/// 4-byte little-endian length and the WAV bytes (the extension's BYTES element), <c>binary_data_size</c> in total.
/// </summary>
internal static class HttpInferenceRequestReader
{
    public static ClipInferenceCall Read(ReadOnlySpan<byte> body, long? headerLength)
    {
        if (headerLength is { } length && (length <= 0 || length > body.Length))
            throw new InferenceRequestException($"{InferenceModel.HeaderLengthHeader} {length} does not fit a body of {body.Length} bytes");
        var json = headerLength is { } n ? body[..(int)n] : body;
        var binary = headerLength is { } m ? body[(int)m..] : [];
        InferenceRequestBody request;
        try
        {
            request = JsonSerializer.Deserialize<InferenceRequestBody>(json, OipJson.Options)
                ?? throw new InferenceRequestException("the request body is JSON null, not an inference request object");
        }
        catch (JsonException e)
        {
            throw new InferenceRequestException($"the request is not an inference request JSON object: {e.Message}", e);
        }

        if (request.Inputs is not [var input])
            throw new InferenceRequestException($"the request has {request.Inputs?.Length ?? 0} inputs: the model takes one, '{InferenceModel.AudioInput}'");
        InferenceModel.CheckInput(input.Name, input.Datatype, input.Shape);

        var wav = Long(input.Parameters, InferenceModel.BinaryDataSizeParameter) is { } size
            ? BinaryWav(binary, size, headerLength is not null)
            : JsonWav(input);
        if (headerLength is not null && Long(input.Parameters, InferenceModel.BinaryDataSizeParameter) is { } used && used != binary.Length)
            throw new InferenceRequestException($"{binary.Length} bytes follow the JSON header, but the inputs' binary_data_size add up to {used}");

        var allBinary = Bool(request.Parameters, InferenceModel.BinaryDataOutputParameter) ?? false;
        var outputs = request.Outputs is { Length: > 0 } asked
            ? asked.Select(o => new RequestedOutput(o.Name ?? throw new InferenceRequestException("a requested output has no name"),
                Bool(o.Parameters, InferenceModel.BinaryDataParameter) ?? allBinary)).ToArray()
            : InferenceModel.Outputs.Select(name => new RequestedOutput(name, allBinary)).ToArray();
        var deadlineMs = ClipInferenceCall.DeadlineFromMicroseconds(Long(request.Parameters, InferenceModel.TimeoutParameter));
        return new ClipInferenceCall(request.Id, wav, deadlineMs, outputs);
    }

    private static byte[] BinaryWav(ReadOnlySpan<byte> binary, long size, bool hasHeaderLength)
    {
        if (!hasHeaderLength)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' has binary_data_size but the request has no {InferenceModel.HeaderLengthHeader} header");
        if (size < TensorBytes.LengthPrefix || size > binary.Length)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' binary_data_size {size}: {binary.Length} bytes follow the JSON header");
        return TensorBytes.SingleBytesElement(binary[..(int)size], $"binary_data_size {size}");
    }

    private static byte[] JsonWav(RequestInputBody input)
    {
        if (!string.Equals(String(input.Parameters, InferenceModel.ContentTypeParameter), InferenceModel.Base64ContentType, StringComparison.Ordinal))
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}': a WAV file in JSON must be base64 with \"parameters\": {{\"content_type\": \"base64\"}} (or send it as binary data)");
        var data = input.Data is { } d ? Flatten(d).ToArray() : [];
        if (data is not [{ ValueKind: JsonValueKind.String } element])
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' must hold exactly one base64 string, found {data.Length} element(s)");
        try
        {
            return Convert.FromBase64String(element.GetString()!);
        }
        catch (FormatException e)
        {
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' is not valid base64: {e.Message}", e);
        }
    }

    /// <summary>Tensor data may come nested ([["..."]]) or flat; both are the same row-major elements.</summary>
    private static IEnumerable<JsonElement> Flatten(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().SelectMany(Flatten) : [element];

    private static long? Long(Dictionary<string, JsonElement>? parameters, string name) =>
        parameters is not null && parameters.TryGetValue(name, out var value)
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
              : throw new InferenceRequestException($"parameter '{name}' must be an integer, got {value.GetRawText()}")
            : null;

    private static bool? Bool(Dictionary<string, JsonElement>? parameters, string name) =>
        parameters is not null && parameters.TryGetValue(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new InferenceRequestException($"parameter '{name}' must be true or false, got {value.GetRawText()}"),
            }
            : null;

    private static string? String(Dictionary<string, JsonElement>? parameters, string name) =>
        parameters is not null && parameters.TryGetValue(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()
              : throw new InferenceRequestException($"parameter '{name}' must be a string, got {value.GetRawText()}")
            : null;
}
