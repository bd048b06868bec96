using Ensemble.Grains.Abstractions.Models;

namespace Ensemble.Grains.Abstractions.Tests.Models;

public sealed class ModelInferenceRequestTests
{
    [Fact]
    public void Floats_survive_the_byte_encoding()
    {
        float[] crops = [0f, -1.5f, 3.25f, float.Epsilon, 1e30f, -0f, 42f, 7f];
        var request = ModelInferenceRequest.FromFloats(crops, cropCount: 2, melBands: 2, frames: 2);
        Assert.Equal(crops.Length * 4, request.Crops.Length);
        Assert.Equal(crops, request.CropValues().ToArray());
    }

    [Fact]
    public void Shape_mismatch_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ModelInferenceRequest.FromFloats(new float[7], 2, 2, 2));
        var bad = new ModelInferenceRequest(new byte[12], 1, 2, 2);
        Assert.Throws<ArgumentException>(() => bad.CropValues().Length);
    }

    [Fact]
    public void Crop_weights_default_to_one_each_and_must_match_the_crops()
    {
        Assert.Equal([1, 1], ModelInferenceRequest.FromFloats(new float[8], 2, 2, 2).Weights());
        Assert.Equal([5, 15], ModelInferenceRequest.FromFloats(new float[8], 2, 2, 2, [5, 15]).Weights());
        Assert.Throws<ArgumentException>(() => ModelInferenceRequest.FromFloats(new float[8], 2, 2, 2, [20]));
        Assert.Throws<ArgumentException>(() => ModelInferenceRequest.FromFloats(new float[8], 2, 2, 2, [20, -1]));
        Assert.Throws<ArgumentException>(() => new ModelInferenceRequest(new byte[32], 2, 2, 2, [1]).Weights());
    }
}
