using System.Collections.Concurrent;
using Orleans.Storage;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>
/// Grain storage that outlives any one silo of an in-process cluster (as Redis does for real silos): every silo's
/// provider reads and writes one shared dictionary of serialized states, with the silo's
/// <see cref="IGrainStorageSerializer"/> (JSON, as Redis storage writes them), so a state Redis cannot read back fails here too.
/// </summary>
public sealed class SharedGrainStorage(ConcurrentDictionary<string, byte[]> store, IGrainStorageSerializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.TryGetValue(Key(stateName, grainId), out var bytes))
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(bytes));
            grainState.RecordExists = true;
            grainState.ETag = bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store[Key(stateName, grainId)] = serializer.Serialize(grainState.State).ToArray();
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}|{grainId}";
}
