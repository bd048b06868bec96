using Ensemble.Client;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Abstractions.Registry;

namespace Ensemble.FrontDoor.OpenInference;

/// <summary>
/// The protocol-neutral core of the front door (HTTP and, later, gRPC call it): metadata and readiness of the one
/// model, and inference through the cluster's clip grain, exactly as an Orleans client would tag.
/// </summary>
public sealed class InferenceService(EnsembleClient client, ISiloReadiness readiness)
{
    public static string ServerVersion { get; } = typeof(InferenceService).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public ISiloReadiness Readiness => readiness;

    /// <summary>The active manifest, when <paramref name="model"/> (and <paramref name="version"/>, when given) name it.</summary>
    public async Task<ServingManifest> ModelAsync(string model, string? version)
    {
        CheckName(model);
        var manifest = await client.GetManifestAsync();
        CheckVersion(model, version, manifest);
        return manifest;
    }

    /// <summary>The model's readiness: the silo's (<see cref="ISiloReadiness"/>); an unknown name or an inactive
    /// version throws <see cref="ModelNotFoundException"/> (only asked once ready: before, there is no version to match).</summary>
    public async Task<SiloReadinessReport> ModelReadyAsync(string model, string? version)
    {
        CheckName(model);
        var report = await readiness.CheckAsync();
        if (report.IsReady && version is not null)
            CheckVersion(model, version, await client.GetManifestAsync());
        return report;
    }

    /// <summary>Refuses a model name not served here (<see cref="ModelNotFoundException"/>): checked before the request
    /// is read, so that a call to another model is "not found" whatever it carries.</summary>
    public static void CheckName(string model)
    {
        if (!string.Equals(model, InferenceModel.Name, StringComparison.Ordinal))
            throw new ModelNotFoundException($"model '{model}' is not served here (the model is '{InferenceModel.Name}')");
    }

    private static void CheckVersion(string model, string? version, ServingManifest manifest)
    {
        if (version is not null && !string.Equals(version, manifest.Version, StringComparison.Ordinal))
            throw new ModelNotFoundException($"model '{model}' version '{version}' is not active (the active version is '{manifest.Version}')");
    }

    /// <summary>Tags the call's clip with every model of the active manifest; all labels come back ranked. A server
    /// fault while the silo is not ready throws <see cref="ServerNotReadyException"/> around it.</summary>
    public async Task<ClipTagResult> InferAsync(string model, string? version, ClipInferenceCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await ModelAsync(model, version);
            var clipName = string.IsNullOrWhiteSpace(call.Id) ? "request.wav" : call.Id;
            return await client.TagAsync(ClipTagRequest.FromBytes(clipName, call.Wav, topK: int.MaxValue, deadlineMs: call.DeadlineMs));
        }
        catch (Exception e) when (Http.ErrorStatus.Classify(e) == InferenceFailure.Internal)
        {
            // Readiness is probed only on this failure path: a ready silo's fault stays a fault (e.g. "no manifest is
            // active" before one is, versus a model failing on a ready silo).
            var report = await readiness.CheckAsync();
            if (report.IsReady)
                throw;
            throw new ServerNotReadyException(report.Reason, e);
        }
    }
}
