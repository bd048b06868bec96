namespace Ensemble.FrontDoor.Http.Json;

/// <summary>The protocol's error object: {"error": "..."}.</summary>
internal sealed record ErrorBody(string Error);
