using Ensemble.Grains.Inference;

namespace Ensemble.Grains.Hosting;

/// <summary>
/// Serving behaviour of one silo. <see cref="HedgeAfter"/>: a model that has not answered by then gets the same
/// request sent to its replica (null: no hedging). <see cref="DefaultManifestPath"/>: what the registry activates
/// when it starts empty (the run the silo was started with). <see cref="Backend"/>: which file of each model this
/// silo loads (auto: ONNX Runtime on the CPU, TorchSharp on CUDA; see <see cref="ModelFileChoice"/>).
/// <see cref="ReadinessProbeTimeout"/>: how long a readiness check waits for each model grain to say it is warm.
/// <see cref="MaxQueuedRequests"/>: requests one model grain holds waiting for a batch; one more is refused at once
/// with <see cref="Abstractions.Models.ModelOverloadedException"/>.
/// </summary>
public sealed record ServingOptions
{
    public static readonly TimeSpan DefaultHedgeAfter = TimeSpan.FromSeconds(2);
    public const ServingBackend DefaultBackend = ServingBackend.Auto;
    public static readonly TimeSpan DefaultReadinessProbeTimeout = TimeSpan.FromSeconds(2);
    public const int DefaultMaxQueuedRequests = 64;

    public ServingOptions(TimeSpan? hedgeAfter = null, string? defaultManifestPath = null, bool hedgingEnabled = true,
        ServingBackend backend = DefaultBackend, TimeSpan? readinessProbeTimeout = null, int maxQueuedRequests = DefaultMaxQueuedRequests)
    {
        var problems = new List<string>();
        var hedge = hedgeAfter ?? DefaultHedgeAfter;
        if (hedge <= TimeSpan.Zero)
            problems.Add($"HedgeAfter {hedge} must be positive");
        var probe = readinessProbeTimeout ?? DefaultReadinessProbeTimeout;
        if (probe <= TimeSpan.Zero)
            problems.Add($"ReadinessProbeTimeout {probe} must be positive");
        if (maxQueuedRequests <= 0)
            problems.Add($"MaxQueuedRequests {maxQueuedRequests} must be positive");
        if (!Enum.IsDefined(backend))
            problems.Add($"Backend {(int)backend} is not auto, torch or onnx");
        if (problems.Count > 0)
            throw new ArgumentException($"serving options: {string.Join("; ", problems)}");
        HedgeAfter = hedgingEnabled ? hedge : null;
        DefaultManifestPath = defaultManifestPath;
        Backend = backend;
        ReadinessProbeTimeout = probe;
        MaxQueuedRequests = maxQueuedRequests;
    }

    public TimeSpan? HedgeAfter { get; }
    public string? DefaultManifestPath { get; }
    public ServingBackend Backend { get; }
    public TimeSpan ReadinessProbeTimeout { get; }
    public int MaxQueuedRequests { get; }

    /// <summary>Model grains per model: the primary, and with hedging a replica on another silo.</summary>
    public int Replicas => HedgeAfter is null ? 1 : 2;

    /// <summary>Parses "auto", "torch" or "onnx" (the `--backend` values).</summary>
    public static ServingBackend ParseBackend(string value) =>
        value switch
        {
            "auto" => ServingBackend.Auto,
            "torch" => ServingBackend.Torch,
            "onnx" => ServingBackend.Onnx,
            _ => throw new ArgumentException($"backend '{value}' is not auto, torch or onnx", nameof(value)),
        };

    /// <summary>The `--backend` value of <paramref name="backend"/> (the inverse of <see cref="ParseBackend"/>).</summary>
    public static string BackendName(ServingBackend backend) =>
        backend switch
        {
            ServingBackend.Auto => "auto",
            ServingBackend.Torch => "torch",
            ServingBackend.Onnx => "onnx",
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "not a serving backend"),
        };
}
