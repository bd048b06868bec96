using System.Text.Json;

namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$inference_request of the protocol (every field optional here; <see cref="HttpInferenceRequestReader"/> says what is missing).</summary>
internal sealed record InferenceRequestBody(string? Id, Dictionary<string, JsonElement>? Parameters, RequestInputBody[]? Inputs, RequestOutputBody[]? Outputs);
