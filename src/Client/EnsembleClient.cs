using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Abstractions.Registry;
using Ensemble.Grains.Abstractions.Telemetry;
using Orleans.Serialization;
using Polly;
using Polly.Retry;

namespace Ensemble.Client;

/// <summary>
/// Tags audio clips on an Ensemble cluster (or an embedded silo): the library applications use. Each call is one
/// trace (client span → clip grain → models → blend). Tagging calls are retried on the errors
/// <see cref="TransientErrors"/> names, each attempt bounded by <see cref="TagCallOptions.PerCallTimeout"/>, and every
/// wait honours the caller's cancellation token. Thread-safe; share one instance.
/// </summary>
public sealed class EnsembleClient
{
    public const int DefaultConcurrency = 4;

    /// <summary>
    /// Clip grain keys a client spreads its calls over, in turn. An Orleans client sends every call to one grain
    /// through the same gateway (its sender bucket), and a stateless worker runs on the silo it arrives at: with one
    /// key, one silo decoded and featurised every clip of a client while the others idled (the soak, 2026-12-03).
    /// A retry takes the next key, so it goes through another gateway too.
    /// </summary>
    public const int ClipGrainKeys = 64;

    private readonly IGrainFactory _grains;
    private readonly TagCallOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private int _clipCalls;

    public EnsembleClient(IGrainFactory grains, TagCallOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _options = options ?? TagCallOptions.Default;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientErrors.IsTransient),
                MaxRetryAttempts = _options.MaxAttempts - 1,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            });
        }
        _pipeline = builder.AddTimeout(_options.PerCallTimeout).Build();
    }

    private IRegistryGrain Registry => _grains.GetGrain<IRegistryGrain>(IRegistryGrain.SingletonKey);

    /// <summary>The manifest the cluster serves (labels in submission column order, models, weights).</summary>
    public Task<ServingManifest> GetManifestAsync(CancellationToken cancellationToken = default) =>
        CallAsync(_ => Registry.GetActiveAsync(), cancellationToken);

    /// <summary>The silos currently active in the cluster (for status output and tests).</summary>
    public async Task<string[]> GetSilosAsync()
    {
        var hosts = await _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.Select(s => s.ToString()).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Hot-swaps the cluster to the manifest at <paramref name="manifestPath"/> (a path every silo can read).</summary>
    public Task<ServingManifest> ActivateAsync(string manifestPath) => Registry.ActivateFromPathAsync(Path.GetFullPath(manifestPath));

    /// <summary>Tags a WAV file: reads it here and sends the bytes (use <see cref="TagSharedPathAsync"/> for shared storage).</summary>
    /// <exception cref="TagFailedException">The file cannot be read or sent, or the cluster did not tag it.</exception>
    public async Task<ClipTagResult> TagFileAsync(string path, int topK = ClipTagRequest.DefaultTopK, int? deadlineMs = null, CancellationToken cancellationToken = default)
    {
        var outcome = await TryTagFileAsync(path, topK, deadlineMs, cancellationToken);
        return outcome.Result ?? throw new TagFailedException(path, outcome.Failure!);
    }

    /// <summary>Tags a clip on storage every silo shares: only the path travels.</summary>
    public Task<ClipTagResult> TagSharedPathAsync(string path, int topK = ClipTagRequest.DefaultTopK, int? deadlineMs = null, CancellationToken cancellationToken = default) =>
        TagAsync(ClipTagRequest.FromSharedPath(Path.GetFullPath(path), topK, deadlineMs), cancellationToken);

    /// <summary>One tagging call with the retries and per-attempt timeout of the client's <see cref="TagCallOptions"/>.</summary>
    public Task<ClipTagResult> TagAsync(ClipTagRequest request, CancellationToken cancellationToken = default) =>
        TagAsync(request, onAttempt: null, cancellationToken);

    /// <summary>As <see cref="TagAsync(ClipTagRequest, CancellationToken)"/>; <paramref name="onAttempt"/> is called before
    /// each attempt, so a caller (the load generator) can count retries.</summary>
    public async Task<ClipTagResult> TagAsync(ClipTagRequest request, Action? onAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var span = ServingTelemetry.Source.StartActivity(ServingTelemetry.ClientSpan);
        span?.SetTag(ServingTelemetry.ClipTag, request.ClipName);
        var result = await CallAsync(_ =>
        {
            onAttempt?.Invoke();
            var key = (long)((uint)Interlocked.Increment(ref _clipCalls) % ClipGrainKeys);
            return _grains.GetGrain<IClipGrain>(key).TagAsync(request);
        }, cancellationToken);
        span?.SetTag(ServingTelemetry.PartialTag, result.IsPartial);
        return result;
    }

    /// <summary>
    /// Tags a WAV file and says what happened instead of throwing: the result, or the failure with its kind, reason and
    /// the attempts made. Only cancellation of <paramref name="cancellationToken"/> and invalid arguments throw.
    /// </summary>
    public async Task<TagOutcome> TryTagFileAsync(string path, int topK = ClipTagRequest.DefaultTopK, int? deadlineMs = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > ClipTagRequest.MaxWavBytes)
                return TagOutcome.Failed(path, new TagFailure(TagFailureKind.TooLarge,
                    $"{path}: {length} bytes, more than the {ClipTagRequest.MaxWavBytes} a clip may have", 0));
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TagOutcome.Failed(path, new TagFailure(TagFailureKind.Unreadable, $"{path}: cannot be read ({Unreadable(path, e)})", 0));
        }

        // A bad top-k or deadline is the caller's mistake, not this clip's outcome: it throws.
        var request = ClipTagRequest.FromBytes(Path.GetFileName(path), bytes, topK, deadlineMs);
        request.Validate();
        var attempts = 0;
        try
        {
            return TagOutcome.Tagged(path, await TagAsync(request, () => attempts++, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Not swallowed: every other error becomes this clip's typed failure, with its type and message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Every other error is this clip's answer; the batch goes on with the others.
            var kind = e is ModelOverloadedException ? TagFailureKind.Overloaded
                : TransientErrors.IsTimeout(e) ? TagFailureKind.TimedOut
                : TransientErrors.IsTransient(e) ? TagFailureKind.Unavailable
                : TagFailureKind.Refused;
            return TagOutcome.Failed(path, new TagFailure(kind, Describe(e), attempts));
        }
    }

    /// <summary>
    /// Tags many files with up to <paramref name="concurrency"/> in flight and yields each outcome as it completes (not
    /// in input order), so a caller can show and save results while the rest run. A failed clip is an outcome, not an
    /// exception; cancelling stops the batch (calls in flight are abandoned) and ends the enumeration with
    /// <see cref="OperationCanceledException"/> after the outcomes already yielded.
    /// </summary>
    public async IAsyncEnumerable<TagOutcome> TagFilesAsync(IReadOnlyList<string> paths, int topK = ClipTagRequest.DefaultTopK, int? deadlineMs = null,
        int concurrency = DefaultConcurrency, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        var outcomes = Channel.CreateUnbounded<TagOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                    async (path, ct) => await outcomes.Writer.WriteAsync(await TryTagFileAsync(path, topK, deadlineMs, ct), ct));
                outcomes.Writer.Complete();
            }
#pragma warning disable CA1031 // Not swallowed: the reader rethrows it (cancellation) after the outcomes before it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                outcomes.Writer.Complete(e);
            }
        }, CancellationToken.None);
        await foreach (var outcome in outcomes.Reader.ReadAllAsync(CancellationToken.None))
            yield return outcome;
        await producer;
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs a grain call through the retry and timeout pipeline; the call itself cannot be cancelled, so an
    /// abandoned attempt is left to finish on the silo while this returns.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(async ct => await call(ct).WaitAsync(ct), cancellationToken);

    private static string Describe(Exception e)
    {
        var type = (e as UnavailableExceptionFallbackException)?.ExceptionType ?? e.GetType().Name;
        var message = e.Message.ReplaceLineEndings(" ");
        return $"{type[(type.LastIndexOf('.') + 1)..]}: {message}";
    }

    private static string Unreadable(string path, Exception e) =>
        e is FileNotFoundException && new FileInfo(path).LinkTarget is { } target ? $"a symbolic link to '{target}', which does not exist"
        : e is FileNotFoundException ? "no such file"
        : e.Message;
}
