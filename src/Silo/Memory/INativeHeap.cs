namespace Ensemble.Silo.Memory;

/// <summary>The process's native heap, as far as the silo manages it (a seam for tests).</summary>
public interface INativeHeap
{
    /// <summary>Returns free heap memory to the OS; true when some was released.</summary>
    bool Trim();
}
