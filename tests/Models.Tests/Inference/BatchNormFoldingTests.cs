using Ensemble.Models.Architectures;
using Ensemble.Models.Inference;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Inference;

public sealed class BatchNormFoldingTests
{
    // Folding changes only float rounding: conv(x, w·s) + b' instead of (conv(x, w) − μ)·s + β. Measured here (CPU,
    // libtorch 2.10): at most 7.5e-7 of the largest logit (Inception-v3 1ch/3ch 1.0e-5 / 1.3e-5 at logits of 17,
    // CustomCNN 1.2e-7); the bound leaves a 10× margin for other kernels.
    private const float RelativeTolerance = 1e-5f;

    [Theory]
    [InlineData(ModelSpec.CustomCnn, 0.125, 5)]
    [InlineData(ModelSpec.Inception3, 0.25, 94)]
    [InlineData(ModelSpec.Inception1, 0.25, 94)]
    public void FoldedModel_GivesTheUnfoldedLogits(string architecture, double width, int expectedFolds)
    {
        using var model = ModelFactory.Create(new ModelSpec(architecture, width, classes: 7));
        using var generator = new Generator(5);
        RandomizeBatchNorms(model, generator);
        model.eval();
        using var noGrad = no_grad();
        using var crops = randn([3, 1, 128, 128], generator: generator);
        using var unfolded = model.forward(crops);

        var folds = BatchNormFolding.Fold(model);
        using var folded = model.forward(crops);

        Assert.Equal(expectedFolds, folds);
        Assert.True(isfinite(unfolded).all().item<bool>());
        Assert.True(unfolded.std().item<float>() > 1e-3f, "the logits must vary for the comparison to mean anything");
        var scale = Math.Max(1f, unfolded.abs().max().item<float>());
        var difference = (folded - unfolded).abs().max().item<float>();
        Assert.True(difference <= RelativeTolerance * scale, $"max |folded − unfolded| = {difference}, largest logit {scale}");
        Assert.False(folded.equal(unfolded).all().item<bool>(), "the folded path must actually run");
    }

    [Fact]
    public void Unfold_RestoresTheParameterPathExactly()
    {
        using var model = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.125, classes: 7));
        using var generator = new Generator(6);
        RandomizeBatchNorms(model, generator);
        model.eval();
        using var noGrad = no_grad();
        using var crops = randn([2, 1, 128, 128], generator: generator);
        using var before = model.forward(crops);

        BatchNormFolding.Fold(model);
        BatchNormFolding.Unfold(model);
        using var after = model.forward(crops);

        Assert.True(before.equal(after).all().item<bool>());
        Assert.DoesNotContain(model.modules().OfType<IFoldsBatchNorm>(), m => m.IsBatchNormFolded);
    }

    [Fact]
    public void TrainingMode_IgnoresTheFold()
    {
        using var model = ModelFactory.Create(new ModelSpec(ModelSpec.CustomCnn, 0.125, classes: 7));
        using var generator = new Generator(7);
        RandomizeBatchNorms(model, generator);
        model.eval();
        BatchNormFolding.Fold(model);
        var block = model.modules().OfType<CustomCnnBlock>().First();
        using var noGrad = no_grad();
        using var x = randn([2, 1, 128, 128], generator: generator);
        block.train();
        using var trainingFolded = block.forward(x);
        block.UnfoldBatchNorm();
        using var trainingUnfolded = block.forward(x);

        Assert.True(trainingFolded.equal(trainingUnfolded).all().item<bool>(), "train mode must use the batch statistics, not the fold");
    }

    // Fresh batch norms (mean 0, var 1, γ 1, β 0) fold to the identity: give them statistics a trained model has.
    private static void RandomizeBatchNorms(nn.Module model, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var bn in model.modules().OfType<BatchNorm2d>())
        {
            bn.running_mean!.normal_(0, 0.3, generator);
            bn.running_var!.uniform_(0.5, 2.0, generator);
            bn.weight!.uniform_(0.5, 1.5, generator);
            bn.bias!.normal_(0, 0.2, generator);
        }
    }
}
