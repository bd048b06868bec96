using Ensemble.Models.Runtime;

namespace Ensemble.Silo.Memory;

/// <summary>glibc's heap: <see cref="NativeMemoryTuning.TrimHeap"/> (malloc_trim); a no-op elsewhere.</summary>
internal sealed class GlibcHeap : INativeHeap
{
    public bool Trim() => NativeMemoryTuning.TrimHeap();
}
