using Ensemble.Models.Onnx;
using Ensemble.Settings;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Ensemble.Models.Inference;

/// <summary>
/// Runs a model exported by <see cref="OnnxExporter"/> with ONNX Runtime (CPU execution provider). Crops are
/// log-mel dB, fed as they are: the graph standardises each crop itself (<see cref="CropNormalization"/>'s nodes,
/// metadata input format 2); a file of an older format is refused with <see cref="OutdatedOnnxModelException"/>.
/// Thread safety: <see cref="Run"/> may be called from several threads at once (ONNX Runtime sessions
/// support concurrent Run calls; every call gets its own input/output buffers and RunOptions). Dispose
/// only after every Run has returned; Run after Dispose throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class OnnxModelRunner : IModelRunner
{
    private readonly InferenceSession _session;
    private readonly string[] _outputNames;
    private readonly string _source;
    private readonly int? _maxBatchPerRun;
    private volatile bool _disposed;

    /// <summary>Loads <paramref name="modelPath"/>; a missing file or one ONNX Runtime rejects is an error naming the file.</summary>
    public OnnxModelRunner(string modelPath, OnnxModelRunnerOptions? options = null)
        : this(ReadModel(modelPath), modelPath, options)
    {
    }

    /// <summary>Loads a serialized model; <paramref name="source"/> names it in errors.</summary>
    public OnnxModelRunner(byte[] model, string source, OnnxModelRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        _source = source;
        options ??= new OnnxModelRunnerOptions();
        using var sessionOptions = options.ToSessionOptions();
        try
        {
            _session = new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{source}: ONNX Runtime cannot load the model: {e.Message}", e);
        }
        try
        {
            Metadata = OnnxModelMetadata.Parse(_session.ModelMetadata.CustomMetadataMap, source);
            if (Metadata.InputFormat != OnnxModelMetadata.CurrentInputFormat)
                throw new OutdatedOnnxModelException(source, Metadata.InputFormat, OnnxModelMetadata.CurrentInputFormat);
            CheckSignature(options.CropFrames);
            if (options.ExpectedAudio is { } expected)
            {
                if (Metadata.Audio is null)
                    throw new AudioOptionsMismatchException(source, ["the file records no settings record (exported by an older Ensemble): export it again"]);
                AudioOptionsMismatchException.ThrowIfDifferent(source, Metadata.Audio, expected);
            }
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        CropShape = (Metadata.MelBands, options.CropFrames ?? Metadata.Frames);
        _outputNames = [OnnxExportOptions.OutputName];
        _maxBatchPerRun = options.MaxBatchPerRun;
    }

    public OnnxModelMetadata Metadata { get; }

    public (int MelBands, int Frames) CropShape { get; }

    public int ClassCount => Metadata.ClassCount;

    public float[] Run(ReadOnlySpan<float> crops, int batchSize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var cropLength = CropShape.MelBands * CropShape.Frames;
        if (crops.Length != (long)batchSize * cropLength)
            throw new ArgumentException($"expected {batchSize} crops of {CropShape.MelBands}×{CropShape.Frames} ({(long)batchSize * cropLength} floats), got {crops.Length}", nameof(crops));

        var logits = new float[batchSize * ClassCount];
        var chunk = _maxBatchPerRun ?? batchSize;
        // ORT reads the caller's crops in place (pinned for the synchronous runs): no copy of a batch per call.
        unsafe
        {
            fixed (float* input = crops)
            {
                for (var start = 0; start < batchSize; start += chunk)
                {
                    var count = Math.Min(chunk, batchSize - start);
                    RunChunk((IntPtr)(input + (long)start * cropLength), count, logits.AsSpan(start * ClassCount, count * ClassCount));
                }
            }
        }
        return logits;
    }

    private void RunChunk(IntPtr input, int count, Span<float> logits)
    {
        long[] shape = [count, 1, CropShape.MelBands, CropShape.Frames];
        using var inputValue = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, shape, input,
            (long)count * CropShape.MelBands * CropShape.Frames * sizeof(float));
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [OnnxExportOptions.InputName], [inputValue], _outputNames);
        var result = outputs[0].GetTensorDataAsSpan<float>();
        if (result.Length != logits.Length)
            throw new InvalidDataException($"{_source}: model returned {result.Length} logits for {count}×{ClassCount}");
        result.CopyTo(logits);
    }

    public void Dispose()
    {
        _disposed = true;
        _session.Dispose();
    }

    private static byte[] ReadModel(string modelPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"{modelPath}: ONNX model not found", modelPath);
        return File.ReadAllBytes(modelPath);
    }

    private void CheckSignature(int? cropFrames)
    {
        if (!_session.InputMetadata.TryGetValue(OnnxExportOptions.InputName, out var input) || input.Dimensions.Length != 4 || input.Dimensions[1] != 1)
            throw new InvalidDataException($"{_source}: expected input '{OnnxExportOptions.InputName}' [batch, 1, mels, frames]");
        if (!_session.OutputMetadata.ContainsKey(OnnxExportOptions.OutputName))
            throw new InvalidDataException($"{_source}: expected output '{OnnxExportOptions.OutputName}'");
        var fixedFrames = input.Dimensions[3];
        if (cropFrames is { } frames && fixedFrames > 0 && fixedFrames != frames)
            throw new ArgumentException($"{_source}: the model's frame axis is fixed at {fixedFrames}, cannot run {frames}-frame crops (export with dynamic frames)", nameof(cropFrames));
    }
}
