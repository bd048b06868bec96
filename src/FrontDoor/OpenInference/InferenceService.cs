using Ensemble.Client;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;

namespace Ensemble.FrontDoor.OpenInference;

/// <summary>
/// The protocol-neutral core of the front door (HTTP and, later, gRPC call it): metadata and readiness of the one
/// model, and inference through the cluster's clip grain, exactly as an Orleans client would tag.
/// </summary>
public sealed class InferenceService(EnsembleClient client, ServingReadiness readiness)
{
    public static string ServerVersion { get; } = typeof(InferenceService).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public ServingReadiness Readiness => readiness;

    /// <summary>The active manifest, when <paramref name="model"/> (and <paramref name="version"/>, when given) name it.</summary>
    public async Task<ServingManifest> ModelAsync(string model, string? version)
    {
        if (!string.Equals(model, InferenceModel.Name, StringComparison.Ordinal))
            throw new ModelNotFoundException($"model '{model}' is not served here (the model is '{InferenceModel.Name}')");
        var manifest = await client.GetManifestAsync();
        if (version is not null && !string.Equals(version, manifest.Version, StringComparison.Ordinal))
            throw new ModelNotFoundException($"model '{model}' version '{version}' is not active (the active version is '{manifest.Version}')");
        return manifest;
    }

    /// <summary>Tags the call's clip with every model of the active manifest; all labels come back ranked.</summary>
    public async Task<ClipTagResult> InferAsync(string model, string? version, ClipInferenceCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await ModelAsync(model, version);
        var clipName = string.IsNullOrWhiteSpace(call.Id) ? "request.wav" : call.Id;
        return await client.TagAsync(ClipTagRequest.FromBytes(clipName, call.Wav, topK: int.MaxValue, deadlineMs: call.DeadlineMs));
    }
}
