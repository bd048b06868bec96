using System.Runtime.InteropServices;

namespace Ensemble.Models.Inference;

/// <summary>
/// libtorch's process-wide at::Context settings that TorchSharp 0.107 does not expose, reached by their exported C++
/// symbols in libtorch_cpu.so (found with `nm -D`; x86-64 System V, the context pointer is the first argument).
/// cuDNN benchmark mode autotunes the convolution algorithms for each new input shape (torch.backends.cudnn.benchmark);
/// on a CPU-only libtorch the flag is stored and has no effect.
/// </summary>
public static partial class LibTorchContext
{
    private const string LibTorchCpu = "libtorch_cpu.so";

    /// <summary>Whether cuDNN autotunes convolution algorithms per input shape.</summary>
    public static bool CudnnBenchmark
    {
        get => GetBenchmarkCudnn(GlobalContext());
        set => SetBenchmarkCudnn(GlobalContext(), value);
    }

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr GlobalContext();

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZN2at7Context17setBenchmarkCuDNNEb")]
    private static partial void SetBenchmarkCudnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport(LibTorchCpu, EntryPoint = "_ZNK2at7Context14benchmarkCuDNNEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static partial bool GetBenchmarkCudnn(IntPtr context);
}
