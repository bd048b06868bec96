using Ensemble.Models.Checkpoints;
using Ensemble.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Inference;

/// <summary>
/// <see cref="IModelRunner"/> on TorchSharp: crops [B, 1, F, T] (log-mel dB) are normalised per crop
/// (<see cref="CropNormalization"/>), moved to the device and run in eval mode under no_grad.
/// Thread safety: <see cref="Run"/> may be called from any number of threads; calls are serialised by a lock,
/// because no_grad and dispose scopes are per thread and one forward already uses libtorch's whole intra-op
/// pool, so parallel calls would only contend. Use one runner per model; several runners may run concurrently.
/// </summary>
public sealed class TorchModelRunner : IModelRunner
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Device _device;
    private readonly Lock _gate = new();
    private readonly bool _ownsModel;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="model"/> (disposed with the runner) and moves it to the device.</summary>
    public TorchModelRunner(nn.Module<Tensor, Tensor> model, int classCount, TorchModelRunnerOptions options)
        : this(model, classCount, options, ownsModel: true)
    {
    }

    private TorchModelRunner(nn.Module<Tensor, Tensor> model, int classCount, TorchModelRunnerOptions options, bool ownsModel)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (classCount < 1)
            throw new ArgumentException($"classCount must be positive, got {classCount}", nameof(classCount));
        Options = options;
        ClassCount = classCount;
        _device = TorchDevice.Resolve(options.Device);
        if (options.IntraOpThreads != TorchModelRunnerOptions.KeepThreads)
            set_num_threads(options.IntraOpThreads);
        _model = model;
        _ownsModel = ownsModel;
        _model.to(_device);
        _model.eval();
    }

    public TorchModelRunnerOptions Options { get; }

    public (int MelBands, int Frames) CropShape => (Options.MelBands, Options.Frames);

    public int ClassCount { get; }

    /// <summary>
    /// Runs a model the caller keeps (training validation: the model trains on after scoring). The model is put in eval
    /// mode and on the device; disposing the runner leaves the model alive.
    /// </summary>
    public static TorchModelRunner Borrow(nn.Module<Tensor, Tensor> model, int classCount, TorchModelRunnerOptions options) =>
        new(model, classCount, options, ownsModel: false);

    /// <summary>Loads and verifies a checkpoint (<see cref="Checkpoint.Load"/>) and runs it.</summary>
    public static TorchModelRunner FromCheckpoint(string weightsPath, TorchModelRunnerOptions options, CheckpointExpectation? expectation = null)
    {
#pragma warning disable CA2000 // Not leaked: the runner owns the checkpoint's model (its only disposable) once constructed.
        var loaded = Checkpoint.Load(weightsPath, expectation);
#pragma warning restore CA2000
        try
        {
            return new TorchModelRunner(loaded.Model, loaded.Metadata.Classes.Count, options);
        }
        catch
        {
            // Until the runner is constructed the checkpoint still owns the model.
            loaded.Dispose();
            throw;
        }
    }

    public float[] Run(ReadOnlySpan<float> crops, int batchSize)
    {
        var cropLength = Options.MelBands * Options.Frames;
        if (batchSize < 1)
            throw new ArgumentException($"batchSize must be positive, got {batchSize}", nameof(batchSize));
        if (crops.Length != batchSize * cropLength)
            throw new ArgumentException($"expected {batchSize} crops of {Options.MelBands}×{Options.Frames} = {batchSize * cropLength} values, got {crops.Length}", nameof(crops));
        var input = crops.ToArray();
        CropNormalization.NormalizeInPlace(input, cropLength);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var batch = tensor(input, [batchSize, 1, Options.MelBands, Options.Frames]).to(_device);
            var logits = _model.forward(batch);
            if (logits.dim() != 2 || logits.shape[0] != batchSize || logits.shape[1] != ClassCount)
                throw new InvalidOperationException($"the model returned [{string.Join(", ", logits.shape)}], expected [{batchSize}, {ClassCount}]");
            return logits.to(float32).cpu().data<float>().ToArray();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            if (_ownsModel)
                _model.Dispose();
        }
    }
}
