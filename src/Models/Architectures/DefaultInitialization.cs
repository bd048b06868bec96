using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ensemble.Models.Architectures;

/// <summary>
/// PyTorch's reset_parameters for Conv2d and Linear (kaiming_uniform_ with a = √5, i.e. U(±1/√fan_in), and the bias
/// U(±1/√fan_in)) drawn from a given generator: TorchSharp's layer constructors draw from libtorch's process-wide
/// default generator, so a network built with a generator redraws every such parameter from it. Batch norm and PReLU
/// start from constants and need nothing.
/// </summary>
internal static class DefaultInitialization
{
    public static void Reset(nn.Module module, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(generator);
        using var noGrad = no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            var (weight, bias) = child switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            if (weight is null)
                continue;
            var bound = 1 / Math.Sqrt(weight.numel() / weight.shape[0]);
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
