using System.Text.Json.Nodes;
using Ensemble.Training.Recipes;
using Ensemble.Settings;

namespace Ensemble.Training.Tests.Recipes;

public sealed class RecipeJsonTests
{
    internal static string RecipeFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "recipes", name);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException($"recipes/{name} not found above {AppContext.BaseDirectory}");
    }

    [Theory]
    [InlineData("7th-place.json")]
    [InlineData("cpu-quick.json")]
    [InlineData("cpu-quick-channel.json")]
    public void ShippedRecipesLoadAndRoundTrip(string name)
    {
        var recipe = RecipeJson.Load(RecipeFile(name));
        var again = RecipeJson.Parse(RecipeJson.Serialize(recipe), "round-trip");
        Assert.Equal(RecipeJson.Serialize(recipe), RecipeJson.Serialize(again));
        Assert.True(recipe.Models.Select(m => m.Architecture).Distinct().Count() >= 2);
    }

    [Fact]
    public void DemoRecipeIsCpuQuicksCustomCnnAlone()
    {
        var demo = RecipeJson.Load(RecipeFile("demo.json"));
        var quick = RecipeJson.Load(RecipeFile("cpu-quick.json"));
        var demoJson = JsonNode.Parse(RecipeJson.Serialize(demo))!.AsObject();
        var quickJson = JsonNode.Parse(RecipeJson.Serialize(quick))!.AsObject();
        var demoModel = Assert.Single(demoJson["models"]!.AsArray());
        var quickModel = quickJson["models"]!.AsArray().Single(m => m!["architecture"]!.GetValue<string>() == "customcnn");
        Assert.True(JsonNode.DeepEquals(quickModel, demoModel));
        foreach (var key in new[] { "name", "models" })
        {
            demoJson.Remove(key);
            quickJson.Remove(key);
        }
        Assert.True(JsonNode.DeepEquals(quickJson, demoJson), "recipes/demo.json must equal cpu-quick apart from its name and models");
    }

    [Fact]
    public void SeventhPlaceRecipeHoldsTheRecipeValues()
    {
        var recipe = RecipeJson.Load(RecipeFile("7th-place.json"));
        Assert.Equal(5, recipe.Folds);
        Assert.Equal(["customcnn", "inception3", "inception1"], recipe.Models.Select(m => m.Architecture));
        Assert.Equal((1e-3, 1e-5, 10), (recipe.Optimizer.LearningRateMax, recipe.Optimizer.LearningRateMin, recipe.Optimizer.CycleEpochs));
        Assert.Equal((5, 20), (recipe.Audio.ValidationTtaCrops, recipe.Audio.TestTtaCrops));
        Assert.Equal(Ensemble.Settings.AudioOptions.Default.StableHash(), recipe.Audio.StableHash());
        Assert.Equal(7, recipe.Data.CuratedSoxChains.Count);
        Assert.Equal(Recipe.EqualBlend, recipe.ServingBlend);
    }

    [Fact]
    public void UnknownFieldIsRejectedNamingIt()
    {
        var json = File.ReadAllText(RecipeFile("7th-place.json")).Replace("\"seed\"", "\"colour\": 1, \"seed\"", StringComparison.Ordinal);
        var e = Assert.Throws<RecipeException>(() => RecipeJson.Parse(json, "x.json"));
        Assert.Contains("colour", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFieldAndBadValueAreRejected()
    {
        var text = File.ReadAllText(RecipeFile("7th-place.json"));
        Assert.Throws<RecipeException>(() => RecipeJson.Parse(text.Replace("\"folds\": 5,", "", StringComparison.Ordinal), "x.json"));
        var e = Assert.Throws<RecipeException>(() => RecipeJson.Parse(text.Replace("\"folds\": 5", "\"folds\": 1", StringComparison.Ordinal), "x.json"));
        Assert.Contains("Folds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CosineScheduleRestartsEveryCycle()
    {
        var options = new OptimizerOptions(1e-3, 1e-5, 10, 32, 0);
        Assert.Equal(1e-3, options.LearningRateAt(0), 12);
        Assert.Equal(1e-3, options.LearningRateAt(10), 12);
        Assert.True(options.LearningRateAt(9) < 5e-5);
        Assert.Equal((1e-3 + 1e-5) / 2, options.LearningRateAt(5), 12);
    }

    [Fact]
    public void ModelCycleEpochsOverridesTheRecipesCycleOnly()
    {
        var optimizer = new OptimizerOptions(2e-3, 1e-5, 32, 8, 0, outputBiasFromPrior: true);
        var own = new ModelRecipe("inc", "inception1", 1.0, 0, 12, cycleEpochs: 12).OptimizerFor(optimizer);
        Assert.Equal((12, 2e-3, 1e-5, 8, true), (own.CycleEpochs, own.LearningRateMax, own.LearningRateMin, own.BatchSize, own.OutputBiasFromPrior));
        Assert.Same(optimizer, new ModelRecipe("cnn", "customcnn", 0.25, 0, 32).OptimizerFor(optimizer));
        Assert.Throws<ArgumentException>(() => new ModelRecipe("x", "customcnn", 0.25, 0, 3, cycleEpochs: 0));
        Assert.Throws<ArgumentException>(() => new ModelRecipe("x", "customcnn", 0.25, 0, 3, torchThreads: -1));
        Assert.Equal(1, RecipeJson.Load(RecipeFile("cpu-quick.json")).Models.Single(m => m.IsInception).TorchThreads);
    }

    [Fact]
    public void ModelsThatWouldTrainToTheSameWeightsAreRefusedUntilASeedOffsetTellsThemApart()
    {
        var tiny = RecipeJson.Load(RecipeFile("cpu-quick.json"));
        Recipe With(params ModelRecipe[] models) => new(tiny.Name, tiny.Seed, tiny.Folds, tiny.Data, models, tiny.Optimizer,
            tiny.Augmentation, tiny.Audio, tiny.ServingBlend, tiny.TorchThreads);
        var e = Assert.Throws<ArgumentException>(() =>
            With(new ModelRecipe("a", "customcnn", 0.25, 1, 2), new ModelRecipe("b", "customcnn", 0.25, 1, 2, torchThreads: 1)));
        Assert.Contains("'a' and 'b' would train to the same weights", e.Message, StringComparison.Ordinal);
        var recipe = With(new ModelRecipe("a", "customcnn", 0.25, 1, 2), new ModelRecipe("b", "customcnn", 0.25, 1, 2, seedOffset: 1000));
        Assert.Equal([2019, 3019], recipe.Models.Select(m => m.SeedFor(2019)));
        var read = RecipeJson.Parse(RecipeJson.Serialize(recipe), "round trip");
        Assert.Equal([null, 1000], read.Models.Select(m => m.SeedOffset));
    }

    [Fact]
    public void ChannelProbabilitiesAreOptional_ReadBack_AndChecked()
    {
        var text = File.ReadAllText(RecipeFile("cpu-quick.json"));
        Assert.Equal(0, RecipeJson.Parse(text, "x.json").Augmentation.ChannelNoiseProbability);
        var withChannel = text.Replace("\"flipProbability\": 0.5,",
            "\"flipProbability\": 0.5, \"channelEqualizerProbability\": 0.3, \"channelBandLimitProbability\": 0.2, \"channelNoiseProbability\": 0.1,",
            StringComparison.Ordinal);
        var read = RecipeJson.Parse(withChannel, "x.json").Augmentation;
        Assert.Equal((0.3, 0.2, 0.1), (read.ChannelEqualizerProbability, read.ChannelBandLimitProbability, read.ChannelNoiseProbability));
        var again = RecipeJson.Parse(RecipeJson.Serialize(RecipeJson.Parse(withChannel, "x.json")), "round trip").Augmentation;
        Assert.Equal(read.ChannelOptions(), again.ChannelOptions());
        var e = Assert.Throws<RecipeException>(() => RecipeJson.Parse(withChannel.Replace("\"channelBandLimitProbability\": 0.2", "\"channelBandLimitProbability\": 1.2", StringComparison.Ordinal), "x.json"));
        Assert.Contains("ChannelBandLimitProbability", e.Message, StringComparison.Ordinal);
    }
}
