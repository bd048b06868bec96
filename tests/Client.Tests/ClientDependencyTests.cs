using System.Reflection;
using System.Text.Json;

namespace Ensemble.Client.Tests;

/// <summary>
/// The client library stays light: what restore resolved for it (the graph `dotnet list src/Client package
/// --include-transitive` prints) holds the contracts and Orleans' client, and nothing that runs a model or a web server.
/// </summary>
public sealed class ClientDependencyTests
{
    private static readonly string[] ForbiddenPackagePrefixes = ["TorchSharp", "libtorch", "Microsoft.ML.OnnxRuntime", "NWaves", "OpenTelemetry", "Microsoft.Orleans.Server", "Microsoft.Orleans.Dashboard"];
    private const string AspNetCoreFramework = "Microsoft.AspNetCore.App";

    [Fact]
    public void The_client_resolves_only_the_contracts_and_the_orleans_client()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(AssetsFile()));
        var libraries = assets.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject().ToArray();
        string NameOf(JsonProperty library) => library.Name.Split('/')[0];

        Assert.Contains(libraries, l => NameOf(l) == "Microsoft.Orleans.Client");
        Assert.Contains(libraries, l => NameOf(l) == "Microsoft.Orleans.Clustering.Redis");
        // The contracts and the settings record they carry typed (Ensemble.Settings: Orleans SDK only).
        Assert.Equal(["Ensemble.Grains.Abstractions", "Ensemble.Settings"], libraries.Where(l => l.Value.GetProperty("type").GetString() == "project").Select(NameOf));
        Assert.DoesNotContain(libraries.Select(NameOf), name => ForbiddenPackagePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
        // A framework reference flows in through any project or package that declares one (as src/Silo does for the dashboard).
        Assert.DoesNotContain(libraries, l => l.Value.TryGetProperty("frameworkReferences", out var frameworks)
            && frameworks.EnumerateArray().Any(f => f.GetString() == AspNetCoreFramework));
        var direct = assets.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject().Single().Value;
        Assert.False(direct.TryGetProperty("frameworkReferences", out var own) && own.TryGetProperty(AspNetCoreFramework, out _));
    }

    private static string AssetsFile()
    {
        var path = typeof(ClientDependencyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ClientAssetsFile").Value!;
        return File.Exists(path) ? path : throw new FileNotFoundException($"the client's restore output is missing: {path}", path);
    }
}
