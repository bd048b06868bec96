using Ensemble.Grains.Abstractions.Manifests;

namespace Ensemble.Grains.Inference;

/// <summary>Picks the file of a served model that a silo's backend loads on a device ("cpu", "cuda:N").</summary>
public static class ModelFileChoice
{
    /// <summary>The format <paramref name="backend"/> runs on <paramref name="runnerDevice"/>.</summary>
    public static string FormatFor(ServingBackend backend, string runnerDevice) => backend switch
    {
        ServingBackend.Torch => ModelFile.TorchFormat,
        ServingBackend.Onnx => ModelFile.OnnxFormat,
        ServingBackend.Auto => runnerDevice.StartsWith("cuda", StringComparison.Ordinal) ? ModelFile.TorchFormat : ModelFile.OnnxFormat,
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "unknown serving backend"),
    };

    /// <summary>
    /// The file to load. Auto takes the device's format when the model has it, else the model's only file (a
    /// serving.json may list one); an explicit backend needs its format.
    /// </summary>
    public static ModelFile Choose(ServedModel model, ServingBackend backend, string runnerDevice)
    {
        ArgumentNullException.ThrowIfNull(model);
        var format = FormatFor(backend, runnerDevice);
        if (model.FileOf(format) is { } file)
            return file;
        if (backend == ServingBackend.Auto && model.Files.Length == 1)
            return model.Files[0];
        throw new MissingModelFileException(model.Id, format, model.Files.Select(f => f.Format).ToArray());
    }
}
