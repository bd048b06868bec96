using TorchSharp;
using static TorchSharp.torch;

namespace Ensemble.Models.Interop;

/// <summary>
/// Proves a module computes what a PyTorch reference computed: the caller loads the reference weights with
/// TorchSharp's own <c>Module.load</c> (strict, by parameter name); this runs the reference input in eval mode and
/// returns the largest absolute difference from the reference output.
/// </summary>
public static class ReferenceComparison
{
    public const string InputEntry = "input";
    public const string OutputEntry = "output";

    public static double MaxAbsoluteDifference(nn.Module<Tensor, Tensor> module, string inputOutputPath)
    {
        ArgumentNullException.ThrowIfNull(module);
        module.eval();
        var io = TorchSharpStateDictFile.Read(inputOutputPath);
        try
        {
            if (!io.TryGetValue(InputEntry, out var input) || !io.TryGetValue(OutputEntry, out var expected))
                throw new StateDictFormatException(inputOutputPath, $"needs entries '{InputEntry}' and '{OutputEntry}'");
            using var noGrad = no_grad();
            using var actual = module.forward(input);
            if (!actual.shape.SequenceEqual(expected.shape))
                throw new StateDictFormatException(inputOutputPath, $"reference output is [{string.Join(", ", expected.shape)}], the module gives [{string.Join(", ", actual.shape)}]");
            using var diff = (actual - expected).abs().max();
            return diff.item<float>();
        }
        finally
        {
            foreach (var tensor in io.Values)
                tensor.Dispose();
        }
    }
}
