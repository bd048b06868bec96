namespace Ensemble.FrontDoor.OpenInference;

/// <summary>A model name or version this server does not serve (HTTP 404).</summary>
public sealed class ModelNotFoundException(string message) : Exception(message);
