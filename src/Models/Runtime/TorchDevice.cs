using TorchSharp;

namespace Ensemble.Models.Runtime;

/// <summary>Parses the run-time device setting ("cpu", "cuda", "cuda:N") and prepares TorchSharp for it.</summary>
public static class TorchDevice
{
    public const string Cpu = "cpu";

    public static torch.Device Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == Cpu)
            return torch.CPU;
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
            if (!torch.cuda.is_available())
                throw new InvalidOperationException($"device '{name}' requested but CUDA is not available in this build/host (Accelerator=cpu builds have no CUDA).");
            return torch.device(name);
        }
        throw new ArgumentException($"unknown device '{name}': use cpu, cuda or cuda:N", nameof(name));
    }

    /// <summary>A one-line description of the loaded native stack, for `ensemble info`.</summary>
    public static string Describe() =>
        $"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch {torch.__version__}, CUDA available: {torch.cuda.is_available()}, threads {torch.get_num_threads()}";
}
