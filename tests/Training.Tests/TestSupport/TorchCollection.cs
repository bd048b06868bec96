namespace Ensemble.Training.Tests.TestSupport;

/// <summary>Tests that train with TorchSharp share libtorch's process-wide thread count: they must not run in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
