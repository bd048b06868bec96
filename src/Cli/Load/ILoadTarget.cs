namespace Ensemble.Cli.Load;

/// <summary>Where the load goes: a cluster through the Orleans client, or a silo's HTTP front door.</summary>
internal interface ILoadTarget : IAsyncDisposable
{
    string Description { get; }

    /// <summary>Tags one clip; throws on failure (the exception's type is the error's kind). <paramref name="onAttempt"/>
    /// is called before each attempt, so retries are counted.</summary>
    Task<LoadAnswer> SendAsync(LoadClip clip, Action onAttempt, CancellationToken cancellationToken);
}
