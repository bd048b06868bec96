namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$metadata_server_response.</summary>
internal sealed record ServerMetadataBody(string Name, string Version, string[] Extensions);
