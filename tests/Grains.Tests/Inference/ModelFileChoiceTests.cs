using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Inference;

namespace Ensemble.Grains.Tests.Inference;

public sealed class ModelFileChoiceTests
{
    private static readonly ModelFile Torch = new(ModelFile.TorchFormat, "/m/a.bin", new string('a', 64));
    private static readonly ModelFile Onnx = new(ModelFile.OnnxFormat, "/m/a.onnx", new string('b', 64));
    private static readonly ServedModel Both = new("a", "customcnn", [Torch, Onnx], 1, 64, 5);

    [Theory]
    [InlineData(ServingBackend.Auto, "cpu", ModelFile.OnnxFormat)]
    [InlineData(ServingBackend.Auto, "cuda:0", ModelFile.TorchFormat)]
    [InlineData(ServingBackend.Auto, "cuda:3", ModelFile.TorchFormat)]
    [InlineData(ServingBackend.Torch, "cpu", ModelFile.TorchFormat)]
    [InlineData(ServingBackend.Onnx, "cpu", ModelFile.OnnxFormat)]
    [InlineData(ServingBackend.Torch, "cuda:0", ModelFile.TorchFormat)]
    public void Auto_runs_onnx_on_the_cpu_and_torch_on_cuda_and_an_override_wins(ServingBackend backend, string device, string format) =>
        Assert.Equal(format, ModelFileChoice.Choose(Both, backend, device).Format);

    [Fact]
    public void Auto_takes_the_only_file_a_model_has()
    {
        Assert.Same(Torch, ModelFileChoice.Choose(Both with { Files = [Torch] }, ServingBackend.Auto, "cpu"));
        Assert.Same(Onnx, ModelFileChoice.Choose(Both with { Files = [Onnx] }, ServingBackend.Auto, "cuda:0"));
    }

    [Fact]
    public void An_explicit_backend_needs_its_file()
    {
        var error = Assert.Throws<MissingModelFileException>(() => ModelFileChoice.Choose(Both with { Files = [Torch] }, ServingBackend.Onnx, "cpu"));
        Assert.Equal("a", error.ModelId);
        Assert.Equal(ModelFile.OnnxFormat, error.Format);
        Assert.Contains("lists: torch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serving_options_default_to_auto_and_refuse_an_unknown_backend_with_every_problem()
    {
        Assert.Equal(ServingBackend.Auto, new ServingOptions().Backend);
        Assert.Equal(ServingBackend.Onnx, new ServingOptions(backend: ServingBackend.Onnx).Backend);
        var error = Assert.Throws<ArgumentException>(() => new ServingOptions(TimeSpan.Zero, backend: (ServingBackend)7));
        Assert.Contains("HedgeAfter", error.Message, StringComparison.Ordinal);
        Assert.Contains("Backend 7", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", ServingBackend.Auto)]
    [InlineData("torch", ServingBackend.Torch)]
    [InlineData("onnx", ServingBackend.Onnx)]
    public void Backend_names_parse(string name, ServingBackend backend) => Assert.Equal(backend, ServingOptions.ParseBackend(name));

    [Fact]
    public void Another_backend_name_is_refused_by_name() =>
        Assert.Contains("'tensorrt'", Assert.Throws<ArgumentException>(() => ServingOptions.ParseBackend("tensorrt")).Message, StringComparison.Ordinal);
}
