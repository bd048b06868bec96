namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$response_output: <see cref="Data"/> is null when the tensor follows as binary data (its size in the parameters).</summary>
internal sealed record ResponseOutputBody(string Name, long[] Shape, string Datatype, Dictionary<string, object>? Parameters, object? Data);
