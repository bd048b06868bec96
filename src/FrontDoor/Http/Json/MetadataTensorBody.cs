namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$metadata_tensor: -1 marks a variable dimension.</summary>
internal sealed record MetadataTensorBody(string Name, string Datatype, long[] Shape);
