using System.Diagnostics;
using System.Runtime.InteropServices;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Models.Inference;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Ensemble.Grains.Inference;

/// <summary>
/// One model of one manifest version on one device. Activation: look the model up in the registry, take a GPU (or the
/// CPU), choose the model's file for the silo's backend on that device (<see cref="ModelFileChoice"/>), verify its
/// SHA-256 and load it on the device's worker thread. Reentrant so that concurrent requests reach
/// the batcher together.
/// </summary>
[GpuPlacement, Reentrant]
public sealed partial class ModelGrain(
    IModelRunnerFactory runners,
    ServingOptions options,
    DeviceWorkerPool workers,
    LocalGpuAllocator gpus,
    ILocalSiloDetails silo,
    TimeProvider time,
    ServingMetrics metrics,
    ILogger<ModelGrain> logger) : Grain, IModelGrain, IDisposable
{
    private ServedModel? _model;
    private ModelFile? _file;
    private DeviceAssignment? _device;
    private IModelRunner? _runner;
    private DynamicBatcher? _batcher;
    private Task<float[]>? _warmUp;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (version, modelId, _) = ModelGrainKey.Parse(this.GetPrimaryKeyString());
        var manifest = await GrainFactory.GetGrain<IRegistryGrain>(IRegistryGrain.SingletonKey).GetVersionAsync(version);
        _model = manifest.Models.FirstOrDefault(m => m.Id == modelId)
            ?? throw new ArgumentException($"{manifest.SourcePath}: manifest {version} has no model '{modelId}'");
        var model = _model;
        var device = gpus.Acquire();
        IModelRunner? runner = null;
        try
        {
            var file = ModelFileChoice.Choose(model, options.Backend, device.RunnerDevice);
            _file = file;
            runner = await workers.RunAsync(device.Device, () =>
            {
                ModelFileVerifier.Verify(file.Path, file.Sha256);
                return runners.Create(manifest, model, file, device.RunnerDevice);
            });
            var loaded = runner;
            var (mels, frames) = loaded.CropShape;
            _batcher = new DynamicBatcher(
                new BatchingOptions(model.MaxBatchCrops, TimeSpan.FromMilliseconds(model.MaxQueueDelayMs)),
                mels * frames,
                loaded.ClassCount,
                (crops, count) => workers.RunAsync(device.Device, () => loaded.Run(MemoryMarshal.Cast<byte, float>(crops.Span), count)),
                time,
                crops => metrics.BatchCrops.Record(crops, ServingMetrics.ModelTags(model.Id, device.Device)));
        }
        catch
        {
            // A failed activation gets no OnDeactivateAsync: free the device lease (and the loaded model) here, or a
            // bad file would leave its GPU counted as busy for placement forever.
            if (runner is { } loadedRunner)
                await workers.RunAsync(device.Device, () =>
                {
                    loadedRunner.Dispose();
                    return true;
                });
            gpus.Release(device);
            throw;
        }
        _device = device;
        _runner = runner;
        LogLoaded(logger, modelId, version, _file.Format, device.Device, silo.SiloAddress);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_batcher is { } batcher)
        {
            // Graceful shutdown: requests already queued still get their forward pass (bounded by the deactivation timeout).
            try
            {
                await batcher.DrainAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                LogNotDrained(logger, _model?.Id);
            }
            batcher.Dispose();
        }
        if (_runner is { } runner && _device is { } device)
        {
            // Dispose where the model lives: native tensors are freed on their device's thread.
            await workers.RunAsync(device.Device, () =>
            {
                runner.Dispose();
                return true;
            });
            gpus.Release(device);
        }
    }

    public async Task<ModelInferenceResult> InferAsync(ModelInferenceRequest request)
    {
        var (model, device, runner, batcher) = Loaded();
        using var span = ServingTelemetry.Source.StartActivity(ServingTelemetry.ModelInferSpan);
        span?.SetTag(ServingTelemetry.ModelIdTag, model.Id);
        span?.SetTag(ServingTelemetry.DeviceTag, device.Device);
        if ((request.MelBands, request.Frames) != runner.CropShape)
            throw new ArgumentException($"model {model.Id} takes {runner.CropShape.MelBands}×{runner.CropShape.Frames} crops, got {request.MelBands}×{request.Frames}");
        // Backpressure: refuse at once rather than queue towards a timeout. Checked and enqueued in one grain turn, and
        // the batcher only ever shrinks the queue meanwhile, so the limit holds.
        if (batcher.QueueDepth >= options.MaxQueuedRequests)
            throw new ModelOverloadedException(this.GetPrimaryKeyString(), batcher.QueueDepth, options.MaxQueuedRequests);
        var started = time.GetTimestamp();
        var tags = ServingMetrics.ModelTags(model.Id, device.Device);
        metrics.QueueDepth.Add(1, tags);
        BatchedResult batch;
        try
        {
            batch = await batcher.SubmitAsync(request.CropBytes(), request.CropCount);
        }
        finally
        {
            metrics.QueueDepth.Add(-1, tags);
        }
        var probabilities = ClipScorer.MeanSigmoid(batch.Logits, runner.ClassCount, request.Weights());
        span?.SetTag(ServingTelemetry.BatchCropsTag, batch.BatchCrops);
        span?.SetTag(ServingTelemetry.QueueWaitTag, batch.QueueWait.TotalMilliseconds);
        metrics.ModelLatency.Record(time.GetElapsedTime(started).TotalMilliseconds, tags);
        metrics.QueueTime.Record(batch.QueueWait.TotalMilliseconds, tags);
        metrics.ComputeTime.Record(batch.Inference.TotalMilliseconds, tags);
        return new ModelInferenceResult(model.Id, probabilities, device.Device, silo.SiloAddress.ToString(), batch.BatchCrops,
            batch.QueueWait.TotalMilliseconds, batch.Inference.TotalMilliseconds);
    }

    public async Task<ModelGrainStatus> WarmUpAsync()
    {
        var (model, device, runner, _) = Loaded();
        // Once per activation: the registry's warm-up and every readiness probe call this, only the first pays a
        // forward pass (a failed one is tried again by the next call).
        if (_warmUp is null or { IsFaulted: true })
        {
            var (mels, frames) = runner.CropShape;
            _warmUp = workers.RunAsync(device.Device, () => runner.Run(new float[mels * frames], 1));
        }
        await _warmUp;
        var file = _file!;
        return new ModelGrainStatus(model.Id, silo.SiloAddress.ToString(), device.Device, device.GpuIndex, file.Sha256, file.Format);
    }

    /// <summary>
    /// Orleans disposes the grain instance when its activation ends. The batcher is normally drained and disposed in
    /// <see cref="OnDeactivateAsync"/> already (disposing twice is harmless); the runner is freed there, on its device's thread.
    /// </summary>
    public void Dispose() => _batcher?.Dispose();

    private (ServedModel, DeviceAssignment, IModelRunner, DynamicBatcher) Loaded() =>
        _model is not null && _device is not null && _runner is not null && _batcher is not null
            ? (_model, _device, _runner, _batcher)
            : throw new InvalidOperationException($"model grain {this.GetPrimaryKeyString()} is not loaded");

    [LoggerMessage(Level = LogLevel.Information, Message = "model {Model} of manifest {Version} loaded ({Format}) on {Device} of silo {Silo}")]
    private static partial void LogLoaded(ILogger logger, string model, string version, string format, string device, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "model {Model} deactivated before its queue drained")]
    private static partial void LogNotDrained(ILogger logger, string? model);
}
