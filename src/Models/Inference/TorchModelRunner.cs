using Ensemble.Models.Checkpoints;
using Ensemble.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Inference;

/// <summary>
/// <see cref="IModelRunner"/> on TorchSharp: crops [B, 1, F, T] (log-mel dB) are copied once into a reused host staging
/// tensor (page-locked on CUDA, so the upload is a non-blocking DMA), moved to the device, normalised there per crop
/// (<see cref="CropNormalization.Normalize"/>) and run in eval mode under inference_mode; the logits come back in one
/// device→host copy. A model the runner owns has its batch norms folded into its convolutions
/// (<see cref="TorchModelRunnerOptions.FoldBatchNorm"/>) and may run in bf16 (<see cref="TorchModelRunnerOptions.Precision"/>);
/// with <see cref="TorchModelRunnerOptions.CudnnBenchmark"/> batches are padded with zero crops to a power of two.
/// Thread safety: <see cref="Run"/> may be called from any number of threads; calls are serialised by a lock,
/// because inference mode and dispose scopes are per thread, the staging tensor is shared, and one forward already
/// uses libtorch's whole intra-op pool, so parallel calls would only contend. Use one runner per model; several
/// runners may run concurrently.
/// </summary>
public sealed class TorchModelRunner : IModelRunner
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly Device _device;
    private readonly Lock _gate = new();
    private readonly bool _ownsModel;
    private readonly ScalarType _dtype;
    private Tensor? _staging;
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
        if (!ownsModel && options.Precision != InferencePrecision.Fp32)
            throw new ArgumentException($"a borrowed model trains on in fp32 and cannot run in {options.Precision}", nameof(options));
        _device = TorchDevice.Resolve(options.Device);
        if (options.IntraOpThreads != TorchModelRunnerOptions.KeepThreads)
            set_num_threads(options.IntraOpThreads);
        if (options.CudnnBenchmark)
            LibTorchContext.CudnnBenchmark = true;
        _dtype = options.Precision == InferencePrecision.Bf16 ? bfloat16 : float32;
        _model = model;
        _ownsModel = ownsModel;
        _model.to(_device);
        _model.eval();
        // Fold before the cast, so the folded weights come from the fp32 ones.
        if (ownsModel && options.FoldBatchNorm)
            BatchNormFolding.Fold(_model, _dtype);
        if (_dtype != float32)
            _model.to(_dtype);
    }

    public TorchModelRunnerOptions Options { get; }

    public (int MelBands, int Frames) CropShape => (Options.MelBands, Options.Frames);

    public int ClassCount { get; }

    /// <summary>
    /// Runs a model the caller keeps (training validation: the model trains on after scoring). The model is put in eval
    /// mode and on the device, and is never folded; disposing the runner leaves the model alive.
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
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = NewDisposeScope();
            var padded = Options.PaddedBatch(batchSize);
            var staging = Stage(crops, batchSize, padded);
            using var inference = inference_mode();
            // On the CPU the staging view is the batch itself; on CUDA the copy from page-locked memory is queued
            // without blocking and the normalisation runs on the device after it on the same stream.
            var batch = _device.type == DeviceType.CPU ? staging : staging.to(_device, non_blocking: true);
            var normalized = CropNormalization.Normalize(batch);
            var logits = _model.forward(_dtype == float32 ? normalized : normalized.to(_dtype));
            if (logits.dim() != 2 || logits.shape[0] != padded || logits.shape[1] != ClassCount)
                throw new InvalidOperationException($"the model returned [{string.Join(", ", logits.shape)}], expected [{padded}, {ClassCount}]");
            // One device→host copy (blocking, so the staging tensor is free again when Run returns).
            var real = padded == batchSize ? logits : logits.narrow(0, 0, batchSize);
            return real.to(float32).cpu().data<float>().ToArray();
        }
    }

    /// <summary>Copies the crops into the staging tensor (grown when a larger batch comes), zeroes the padding crops
    /// after them, and returns its first <paramref name="padded"/> crops as [B, 1, F, T]. Caller holds the lock.</summary>
    private Tensor Stage(ReadOnlySpan<float> crops, int batchSize, int padded)
    {
        if (_staging is null || _staging.shape[0] < padded)
        {
            _staging?.Dispose();
            var host = empty([padded, 1, Options.MelBands, Options.Frames], float32);
            if (_device.type == DeviceType.CUDA)
            {
                _staging = host.pin_memory();
                host.Dispose();
            }
            else
            {
                _staging = host;
            }
            _staging.DetachFromDisposeScope();
        }
        using (var accessor = _staging.data<float>())
            accessor.CopyFrom(crops, 0, 0);
        if (padded > batchSize)
            _staging.narrow(0, batchSize, padded - batchSize).zero_();
        return _staging.narrow(0, 0, padded);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _staging?.Dispose();
            if (_ownsModel)
                _model.Dispose();
        }
    }
}
