using System.Collections.Concurrent;
using System.Diagnostics;
using Ensemble.Client.Tests.Fakes;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Models;
using Ensemble.Grains.Abstractions.Telemetry;

namespace Ensemble.Client.Tests;

/// <summary>The library as an application uses it: connect to a cluster through its gateway, then tag.</summary>
public sealed class EnsembleClientTests(FakeCluster cluster) : IClassFixture<FakeCluster>, IAsyncLifetime
{
    private EnsembleConnection? _connection;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ensemble-client-library-tests", Guid.NewGuid().ToString("N"));

    private EnsembleClient Client => (_connection ?? throw new InvalidOperationException("not connected")).Client;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _connection = await EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(ClusterEndpoint.Localhost), cluster.GatewayPort);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_ensemble_exception_thrown_in_a_grain_arrives_with_its_type_and_message()
    {
        var error = await Assert.ThrowsAsync<FakeClipException>(() => Client.TagAsync(ClipTagRequest.FromBytes(EchoClipGrain.FailingClip, [1, 2, 3])));
        Assert.Equal($"{EchoClipGrain.FailingClip}: refused inside the grain", error.Message);
    }

    [Fact]
    public async Task A_model_overload_arrives_as_its_type_at_once_and_is_not_retried()
    {
        var error = await Assert.ThrowsAsync<ModelOverloadedException>(() => Client.TagAsync(ClipTagRequest.FromBytes(EchoClipGrain.OverloadedClip, [1, 2, 3])));
        Assert.Contains($"model grain {EchoClipGrain.OverloadedModel} is overloaded", error.Message, StringComparison.Ordinal);
        Assert.Single(cluster.Received.ClipsNamed(EchoClipGrain.OverloadedClip));

        var outcome = await Client.TryTagFileAsync(WriteFile(EchoClipGrain.OverloadedClip, 8));
        Assert.NotNull(outcome.Failure);
        Assert.Equal((TagFailureKind.Overloaded, 1), (outcome.Failure.Kind, outcome.Failure.Attempts));
        Assert.StartsWith("overloaded: ModelOverloadedException: model grain", outcome.Failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_travels_as_its_bytes_under_its_file_name()
    {
        var path = WriteFile("bytes-clip.wav", 1234);

        var result = await Client.TagFileAsync(path, topK: 3, deadlineMs: 500);

        Assert.Equal("bytes-clip.wav", result.ClipName);
        Assert.Equal(1234, result.Scores.Single());
        var request = Assert.Single(cluster.Received.ClipsNamed("bytes-clip.wav")).Request;
        Assert.Equal(await File.ReadAllBytesAsync(path), request.WavBytes);
        Assert.Null(request.SharedPath);
        Assert.Equal((3, 500), (request.TopK, request.DeadlineMs));
    }

    [Fact]
    public async Task A_shared_path_travels_as_its_full_path_without_bytes()
    {
        var path = WriteFile("shared-clip.wav", 10);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var result = await Client.TagSharedPathAsync(relative);

        Assert.Equal(-1, result.Scores.Single());
        var request = Assert.Single(cluster.Received.ClipsNamed("shared-clip.wav")).Request;
        Assert.Equal(path, request.SharedPath);
        Assert.Null(request.WavBytes);
        Assert.Equal(path, Assert.Single(result.Top).Label);
    }

    [Fact]
    public async Task Many_files_each_come_back_once_with_their_own_result()
    {
        var paths = Enumerable.Range(1, 7).Select(i => WriteFile($"many-{i}.wav", 100 * i)).ToArray();

        var outcomes = (await Client.TagFilesAsync(paths, concurrency: 3).ToArrayAsync()).ToDictionary(o => o.Path, StringComparer.Ordinal);
        var results = paths.Select(p => outcomes[p].Result!).ToArray();

        Assert.Equal(paths.Length, outcomes.Count);
        Assert.Equal(paths.Select(Path.GetFileName), results.Select(r => r.ClipName));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => 100f * i), results.Select(r => r.Scores.Single()));
    }

    [Fact]
    public async Task An_invalid_request_fails_here_and_never_reaches_the_cluster()
    {
        var bytes = new byte[8];
        var negativeTopK = await Assert.ThrowsAsync<ArgumentException>(() => Client.TagAsync(ClipTagRequest.FromBytes("invalid-top.wav", bytes, topK: -1)));
        Assert.Equal("TopK", negativeTopK.ParamName);
        var both = await Assert.ThrowsAsync<ArgumentException>(() => Client.TagAsync(new ClipTagRequest("invalid-both.wav", bytes, "/shared/x.wav", 5, null)));
        Assert.Equal("WavBytes", both.ParamName);
        var deadline = await Assert.ThrowsAsync<ArgumentException>(() => Client.TagFileAsync(WriteFile("invalid-deadline.wav", 8), deadlineMs: 0));
        Assert.Equal("DeadlineMs", deadline.ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.TagFilesAsync([WriteFile("invalid-concurrency.wav", 8)], concurrency: 0).ToArrayAsync().AsTask());

        Assert.Empty(new[] { "invalid-top.wav", "invalid-both.wav", "invalid-deadline.wav", "invalid-concurrency.wav" }.SelectMany(cluster.Received.ClipsNamed));
    }

    [Fact]
    public async Task The_cluster_s_errors_reach_the_caller_with_their_type_and_message()
    {
        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.GetManifestAsync());
        Assert.Contains(EmptyRegistryGrain.NothingActive, none.Message, StringComparison.Ordinal);

        var missing = Path.Combine("runs", "missing", "ensemble.json");
        var notFound = await Assert.ThrowsAsync<FileNotFoundException>(() => Client.ActivateAsync(missing));
        Assert.Contains(Path.GetFullPath(missing), notFound.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(missing), cluster.Received.ManifestPaths);
    }

    [Fact]
    public async Task The_client_lists_the_active_silo()
    {
        Assert.Single(await Client.GetSilosAsync());
    }

    [Fact]
    public async Task The_client_span_names_the_clip_and_its_trace_continues_in_the_grain()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            // Orleans' own call spans carry the trace context from the client to the grain.
            ShouldListenTo = source => source.Name is ServingTelemetry.SourceName or "Microsoft.Orleans.Application",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await Client.TagFileAsync(WriteFile("traced-clip.wav", 16));

        var span = Assert.Single(spans, s => s.OperationName == ServingTelemetry.ClientSpan && (string?)s.GetTagItem(ServingTelemetry.ClipTag) == "traced-clip.wav");
        Assert.Equal(false, span.GetTagItem(ServingTelemetry.PartialTag));
        Assert.Equal(span.TraceId, Assert.Single(cluster.Received.ClipsNamed("traced-clip.wav")).TraceId);
    }

    private string WriteFile(string name, int bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, Enumerable.Range(0, bytes).Select(i => (byte)(i * 31)).ToArray());
        return path;
    }
}
