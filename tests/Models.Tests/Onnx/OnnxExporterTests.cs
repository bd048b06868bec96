using Ensemble.Models.Architectures;
using Ensemble.Models.Inference;
using Ensemble.Models.Onnx;
using Onnx;
using TorchSharp;
using static Ensemble.Models.Tests.Onnx.OnnxTestModels;

namespace Ensemble.Models.Tests.Onnx;

public sealed class OnnxExporterTests
{
    private static CustomCnn TinyCnn() => new(new CustomCnnOptions(widthMultiplier: 0.125, classes: 3, hiddenUnits: 8));

    [Fact]
    public void Graph_has_opset_17_and_dynamic_batch_and_frame_axes()
    {
        using var model = TinyCnn();
        var proto = OnnxExporter.Export(model, new OnnxExportOptions(melBands: 64, frames: 32));

        Assert.Equal(OnnxGraphBuilder.Opset, proto.OpsetImport.Single().Version);
        Assert.Equal(17, OnnxGraphBuilder.Opset);
        Assert.Equal(OnnxGraphBuilder.IrVersion, proto.IrVersion);
        var input = proto.Graph.Input.Single();
        Assert.Equal(OnnxExportOptions.InputName, input.Name);
        Assert.Equal(["batch", "1", "64", "frames"], Dims(input));
        var output = proto.Graph.Output.Single();
        Assert.Equal(OnnxExportOptions.OutputName, output.Name);
        Assert.Equal(["batch", "3"], Dims(output));
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Dropout");
    }

    [Fact]
    public void Fixed_frames_export_has_a_fixed_frame_axis()
    {
        using var model = TinyCnn();
        var proto = OnnxExporter.Export(model, new OnnxExportOptions(melBands: 64, frames: 32, dynamicFrames: false));
        Assert.Equal(["batch", "1", "64", "32"], Dims(proto.Graph.Input.Single()));
    }

    [Fact]
    public void Metadata_records_architecture_crop_and_classes()
    {
        using var model = TinyCnn();
        var proto = OnnxExporter.Export(model, new OnnxExportOptions(melBands: 64, frames: 32, classNames: ["x", "y", "z"]));
        var metadata = OnnxModelMetadata.Parse(proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value), "test");
        Assert.Equal(new OnnxModelMetadata(ModelSpec.CustomCnn, 64, 32, 3, metadata.ClassNames), metadata);
        Assert.Equal(["x", "y", "z"], metadata.ClassNames);
    }

    [Fact]
    public void Class_names_must_match_the_outputs()
    {
        using var model = TinyCnn();
        var error = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(model, new OnnxExportOptions(melBands: 64, classNames: ["only-one"])));
        Assert.Contains("1 class names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_module_is_refused_by_name()
    {
        using var model = torch.nn.Sequential(("conv", torch.nn.Conv2d(1, 2, 3)));
        var error = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(model, new OnnxExportOptions()));
        Assert.Contains("no ONNX emitter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_leaves_the_module_as_it_was()
    {
        using var model = TinyCnn();
        model.train();
        var before = model.parameters().Select(p => p.sum().item<float>()).ToArray();
        OnnxExporter.Export(model, new OnnxExportOptions(melBands: 64));
        Assert.True(model.training);
        Assert.Equal(before, model.parameters().Select(p => p.sum().item<float>()).ToArray());
    }

    [Fact]
    public void ExportToFile_writes_a_loadable_model_without_leftovers()
    {
        var folder = Directory.CreateTempSubdirectory("onnx-export-");
        try
        {
            using var model = TinyCnn();
            RandomizeLikeTrained(model, seed: 4);
            var path = Path.Combine(folder.FullName, "sub", "model.onnx");
            OnnxExporter.ExportToFile(model, path, new OnnxExportOptions(melBands: 64, frames: 32));

            Assert.Equal(["model.onnx"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
            using var runner = new OnnxModelRunner(path);
            var crops = RandomCrops(64 * 32, seed: 1);
            Assert.True(MaxAbsDifference(TorchLogits(model, crops, 1, 64, 32), runner.Run(crops, 1)) < 1e-4f);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string[] Dims(ValueInfoProto value) =>
        value.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
