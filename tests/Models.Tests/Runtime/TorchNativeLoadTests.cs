using Ensemble.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Tests.Runtime;

public sealed class TorchNativeLoadTests
{
    [Fact]
    public void Conv2dOnKnownInputGivesHandComputedNumbers()
    {
        // Input 1..16 on a 4×4 grid; kernel [[1, 0], [0, -1]] + bias 0.5: every output is x[i,j] - x[i+1,j+1] + 0.5 = -4.5.
        using var input = arange(1, 17, dtype: float32).reshape(1, 1, 4, 4);
        using var conv = nn.Conv2d(1, 2, 2);
        using (no_grad())
        {
            conv.weight!.copy_(tensor(new float[] { 1, 0, 0, -1, 0.5f, 0.5f, 0.5f, 0.5f }).reshape(2, 1, 2, 2));
            conv.bias!.copy_(tensor(new float[] { 0.5f, -1f }));
        }
        using var output = conv.forward(input);

        Assert.Equal(new long[] { 1, 2, 3, 3 }, output.shape);
        var values = output.data<float>().ToArray();
        Assert.All(values[..9], v => Assert.Equal(-4.5f, v));
        // Second filter averages each 2×2 window ×2 and subtracts 1: top-left window 1,2,5,6 → 7 - 1 = 6.
        Assert.Equal(new float[] { 6, 8, 10, 14, 16, 18, 22, 24, 26 }, values[9..]);
    }

    [Fact]
    public void LoadedLibTorchIsTheNuGetOneNotDebians()
    {
        // Debian's python3-torch ships libtorch 1.13; loading it instead of 2.10 crashes TorchSharp.
        Assert.StartsWith("2.10", torch.__version__, StringComparison.Ordinal);
    }

    [Fact]
    public void MallocTuningIsAppliedOnGlibcHosts()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeMemoryTuning.Applied);
    }

    [Fact]
    public void OpenMpThreadsSleepInsteadOfSpinningUnlessTheUserChose()
    {
        var chosen = Environment.GetEnvironmentVariable(OpenMpWaitPolicy.Variable, EnvironmentVariableTarget.Process);
        var expected = OperatingSystem.IsLinux() ? chosen ?? OpenMpWaitPolicy.DefaultPolicy : null;
        Assert.Equal(expected, OpenMpWaitPolicy.Current);
    }

    [Fact]
    public void DeviceNamesResolveAndUnknownOnesAreRefused()
    {
        Assert.Equal(DeviceType.CPU, TorchDevice.Resolve("cpu").type);
        var error = Assert.Throws<ArgumentException>(() => TorchDevice.Resolve("tpu"));
        Assert.Contains("tpu", error.Message, StringComparison.Ordinal);
    }
}
