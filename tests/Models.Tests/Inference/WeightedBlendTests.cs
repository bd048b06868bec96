using Ensemble.Models.Inference;

namespace Ensemble.Models.Tests.Inference;

public sealed class WeightedBlendTests
{
    [Fact]
    public void Weighted_mean_renormalised_over_the_parts_given()
    {
        var blend = WeightedBlend.Apply([[0.2f, 1f], [0.8f, 0f]], [1.0, 3.0]);
        Assert.Equal(0.65f, blend[0], 6);
        Assert.Equal(0.25f, blend[1], 6);
    }

    [Fact]
    public void A_matrix_blends_element_by_element_like_its_rows()
    {
        float[] a = [0.1f, 0.9f, 0.4f, 0.3f];
        float[] b = [0.7f, 0.2f, 0.6f, 0.5f];
        var matrix = WeightedBlend.Apply([a, b], [0.25, 0.75]);
        for (var row = 0; row < 2; row++)
        {
            var vector = WeightedBlend.Apply([a[(row * 2)..(row * 2 + 2)], b[(row * 2)..(row * 2 + 2)]], [0.25, 0.75]);
            Assert.Equal(vector, matrix[(row * 2)..(row * 2 + 2)]);
        }
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => WeightedBlend.Apply([], []));
        Assert.Throws<ArgumentException>(() => WeightedBlend.Apply([[0.2f], [0.8f, 0f]], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => WeightedBlend.Apply([[0f, 1f]], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => WeightedBlend.Apply([[0f, 1f], [1f, 0f]], [0.0, 0.0]));
        Assert.Throws<ArgumentException>(() => WeightedBlend.Apply([[0f, 1f], [1f, 0f]], [1.0, -0.5]));
    }

    [Fact]
    public void Equal_weights_sum_to_one() => Assert.Equal(1.0, WeightedBlend.EqualWeights(3).Sum(), 12);
}
