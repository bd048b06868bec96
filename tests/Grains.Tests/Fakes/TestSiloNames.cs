using System.Globalization;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>The in-process test cluster names its silos "Primary", "Secondary_1", "Secondary_2", ...: their index.</summary>
internal static class TestSiloNames
{
    public static int IndexOf(string siloName) =>
        siloName == "Primary" ? 0 : int.Parse(siloName.Split('_')[^1], CultureInfo.InvariantCulture);
}
