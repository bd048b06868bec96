using Ensemble.Grains.Placement;

namespace Ensemble.Grains.Tests.Placement;

public sealed class LocalGpuAllocatorTests
{
    [Fact]
    public void Activations_go_to_the_least_loaded_gpu_and_come_back()
    {
        var allocator = new LocalGpuAllocator(new GpuInventory([new GpuDevice(0, 1), new GpuDevice(1, 1)], false));
        var a = allocator.Acquire();
        var b = allocator.Acquire();
        var c = allocator.Acquire();
        Assert.Equal([0, 1, 0], new[] { a.GpuIndex, b.GpuIndex, c.GpuIndex });
        Assert.Equal("cuda:1", b.RunnerDevice);
        allocator.Release(b);
        Assert.Equal(1, allocator.Acquire().GpuIndex);
    }

    [Fact]
    public void Simulated_gpus_run_on_the_cpu()
    {
        var assignment = new LocalGpuAllocator(GpuInventory.Simulate(1)).Acquire();
        Assert.Equal(("sim-cuda:0", "cpu", 0), (assignment.Device, assignment.RunnerDevice, assignment.GpuIndex));
    }

    [Fact]
    public void Without_gpus_everything_is_cpu() =>
        Assert.Equal(new DeviceAssignment("cpu", "cpu", null), new LocalGpuAllocator(GpuInventory.None).Acquire());
}
