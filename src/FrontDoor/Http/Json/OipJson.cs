using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ensemble.FrontDoor.Http.Json;

/// <summary>The protocol's JSON: snake_case field names ("model_name", "binary_data_size"), absent optionals omitted.</summary>
internal static class OipJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
