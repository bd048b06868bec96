using Ensemble.Models.Onnx;
using Ensemble.Settings;

namespace Ensemble.Models.Tests.Onnx;

public sealed class OnnxModelMetadataTests
{
    [Fact]
    public void Round_trips_through_the_dictionary()
    {
        var metadata = new OnnxModelMetadata("inception1", 128, 256, 2, ["dog", "cat"], new AudioOptions(ttaSeed: 5), "run7");
        var parsed = OnnxModelMetadata.Parse(metadata.ToDictionary(), "m.onnx");
        Assert.Equal((new AudioOptions(ttaSeed: 5), "run7"), (parsed.Audio, parsed.TrainingRunId));
        Assert.Equal(metadata.Architecture, parsed.Architecture);
        Assert.Equal((128, 256, 2), (parsed.MelBands, parsed.Frames, parsed.ClassCount));
        Assert.Equal(["dog", "cat"], parsed.ClassNames);
    }

    [Fact]
    public void Class_names_are_optional() =>
        Assert.Null(OnnxModelMetadata.Parse(new OnnxModelMetadata("customcnn", 128, 128, 80, null).ToDictionary(), "m.onnx").ClassNames);

    [Theory]
    [InlineData(OnnxModelMetadata.FramesKey, null, "is missing")]
    [InlineData(OnnxModelMetadata.FramesKey, "-4", "not a positive integer")]
    [InlineData(OnnxModelMetadata.ClassCountKey, "3", "2 class names for 3 classes")]
    public void Bad_entries_are_refused_naming_the_file(string key, string? value, string problem)
    {
        var entries = new Dictionary<string, string>(new OnnxModelMetadata("customcnn", 128, 128, 2, ["a", "b"]).ToDictionary());
        if (value is null)
            entries.Remove(key);
        else
            entries[key] = value;
        var error = Assert.Throws<InvalidDataException>(() => OnnxModelMetadata.Parse(entries, "m.onnx"));
        Assert.StartsWith("m.onnx:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
