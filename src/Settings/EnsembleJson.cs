using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ensemble.Settings;

/// <summary>
/// The one JSON option set of every file Ensemble writes and reads back (recipes, manifests, checkpoint sidecars, the
/// settings record): camelCase, enums as names only, unknown fields rejected, null only where the type allows it,
/// required constructor parameters enforced. Strict on read because these files decide what a model sees: a typo must
/// fail loudly instead of silently taking a default. (The Open Inference Protocol's snake_case JSON is the protocol's own.)
/// </summary>
public static class EnsembleJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            WriteIndented = true,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
