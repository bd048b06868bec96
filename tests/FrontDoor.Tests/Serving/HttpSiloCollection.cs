namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>The HTTP tests share one silo and run one after another (two silos at once would only compete for the CPU).</summary>
[CollectionDefinition(Name)]
public sealed class HttpSiloCollection : ICollectionFixture<HttpSilo>
{
    public const string Name = "http silo";
}
