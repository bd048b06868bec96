using System.Text.Json;

namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$request_output: an output's name and its parameters ("binary_data").</summary>
internal sealed record RequestOutputBody(string? Name, Dictionary<string, JsonElement>? Parameters);
