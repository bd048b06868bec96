using System.Text.Json;
using Ensemble.Settings;

namespace Ensemble.Training.Recipes;

/// <summary>Reads and writes recipes: camelCase JSON, every field required, unknown fields rejected.</summary>
public static class RecipeJson
{
    public static Recipe Load(string path)
    {
        if (!File.Exists(path))
            throw new RecipeException(path, "file not found");
        return Parse(File.ReadAllText(path), path);
    }

    public static Recipe Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<Recipe>(json, EnsembleJson.Options) ?? throw new RecipeException(source, "the file holds null");
        }
        catch (JsonException e)
        {
            throw new RecipeException(source, e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new RecipeException(source, e.Message, e);
        }
    }

    public static string Serialize(Recipe recipe) => JsonSerializer.Serialize(recipe, EnsembleJson.Options);

    public static void Save(Recipe recipe, string path) => File.WriteAllText(path, Serialize(recipe) + "\n");
}
