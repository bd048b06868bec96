namespace Ensemble.Training.Tests.TestSupport;

/// <summary>Tests that train with TorchSharp share torch's global random generator: they must not run in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class TorchCollection
{
    public const string Name = "torch";
}
