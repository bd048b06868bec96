using System.Text.Json;

namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$request_input: name, shape, datatype, parameters and the data (absent when it travels as binary data).</summary>
internal sealed record RequestInputBody(string? Name, long[]? Shape, string? Datatype, Dictionary<string, JsonElement>? Parameters, JsonElement? Data);
