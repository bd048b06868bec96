namespace Ensemble.Client;

/// <summary>Why a clip was not tagged.</summary>
public enum TagFailureKind
{
    /// <summary>The file could not be read here (missing, a dangling symbolic link, no permission).</summary>
    Unreadable,

    /// <summary>The file is larger than <see cref="Ensemble.Grains.Abstractions.Clips.ClipTagRequest.MaxWavBytes"/>; it was not sent.</summary>
    TooLarge,

    /// <summary>The cluster answered with an error that retrying cannot mend (bad audio, a model that cannot load).</summary>
    Refused,

    /// <summary>No silo could take the call within the bounded retries (silo down, gateway gone, connection lost).</summary>
    Unavailable,

    /// <summary>Every attempt ran past the per-call timeout.</summary>
    TimedOut,

    /// <summary>A model's queue was full and the cluster refused the clip at once (ModelOverloadedException): retry later.</summary>
    Overloaded,
}
