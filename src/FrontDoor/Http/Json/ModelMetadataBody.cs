namespace Ensemble.FrontDoor.Http.Json;

/// <summary>$metadata_model_response.</summary>
internal sealed record ModelMetadataBody(string Name, string[] Versions, string Platform, MetadataTensorBody[] Inputs, MetadataTensorBody[] Outputs);
