using Ensemble.Grains.Abstractions;

namespace Ensemble.Grains.Hosting;

/// <summary>
/// Our own exception types (AudioFormatException, ModelIntegrityException, CheckpointException, ...) have no Orleans
/// codec, so a client would see only "could not find a codec". This filter turns them into
/// <see cref="ServingException"/> with the original type and message before the response leaves the grain.
/// </summary>
public sealed class ServingExceptionFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (NeedsWrapping(e))
        {
            throw Wrap(e);
        }
    }

    /// <summary>True for exceptions of our assemblies (no Orleans codec), except <see cref="ServingException"/> itself.</summary>
    public static bool NeedsWrapping(Exception e) =>
        e is not ServingException && e.GetType().Assembly.GetName().Name?.StartsWith("Ensemble.", StringComparison.Ordinal) == true;

    public static ServingException Wrap(Exception e) => new(e.GetType().Name, e.Message);
}
