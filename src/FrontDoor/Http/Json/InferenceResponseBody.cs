namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$inference_response.</summary>
internal sealed record InferenceResponseBody(string ModelName, string ModelVersion, string? Id, Dictionary<string, object> Parameters, ResponseOutputBody[] Outputs);
