using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Ensemble.Settings;

namespace Ensemble.Grains.Abstractions.Tests;

/// <summary>Every message survives Orleans serialization; crops travel as bytes (about 4 B per value, not 5).</summary>
public sealed class SerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void Crop_requests_cost_about_four_bytes_per_value()
    {
        var crops = Enumerable.Range(0, 128 * 128).Select(i => i * 0.5f).ToArray();
        var request = ModelInferenceRequest.FromFloats(crops, 1, 128, 128);
        var wire = Serializer.SerializeToArray(request);
        Assert.InRange(wire.Length, 4 * crops.Length, 4 * crops.Length + 64);
        Assert.Equal(crops, RoundTrip(request).CropValues().ToArray());
    }

    [Fact]
    public void Crop_weights_round_trip()
    {
        var request = ModelInferenceRequest.FromFloats(new float[2 * 4], 2, 2, 2, [19, 1]);
        Assert.Equal([19, 1], RoundTrip(request).Weights());
        Assert.Null(RoundTrip(ModelInferenceRequest.FromFloats(new float[4], 1, 2, 2)).CropWeights);
    }

    [Fact]
    public void Results_and_manifests_round_trip()
    {
        var result = new ClipTagResult("a.wav", "v1", [0.1f, 0.9f], [new LabelScore("b", 0.9f)],
            [new ModelTiming("m0", "cuda:0", "S1", 40, 1.5, 3.25, 6, true)], true, [new MissingModel("m1", MissingReason.Failed, "TimeoutException: silo gone"), new MissingModel("m2", MissingReason.Late, "no answer within the 300 ms deadline")], 2.5, 10);
        var back = RoundTrip(result);
        Assert.Equal(result.Scores, back.Scores);
        Assert.Equal(result.Top, back.Top);
        Assert.Equal(result.Timings, back.Timings);
        Assert.Equal(result.MissingModels, back.MissingModels);
        Assert.True(back.IsPartial);

        var manifest = new ServingManifest("v1", ["a", "b"], new AudioOptions(logMel: new LogMelOptions(melBands: 96, topDb: null), testTtaCrops: 7, ttaSeed: 3),
            [new ServedModel("m0", "customcnn", [new ModelFile("torch", "/m.bin", new string('f', 64)), new ModelFile("onnx", "/m.onnx", new string('e', 64))], 1, 64, 5)], "/run/serving.json");
        var manifestBack = RoundTrip(manifest);
        Assert.Equal(manifest.Models[0].Files, manifestBack.Models[0].Files);
        Assert.Equal(manifest.Models[0] with { Files = manifestBack.Models[0].Files }, manifestBack.Models[0]);
        Assert.Equal(manifest.Labels, manifestBack.Labels);
        Assert.Equal(manifest with { Labels = manifestBack.Labels, Models = manifestBack.Models }, manifestBack);
    }
}
