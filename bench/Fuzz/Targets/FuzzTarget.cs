namespace Ensemble.Fuzz.Targets;

/// <summary>
/// One reader under attack. <see cref="Read"/> is given a path holding the input (named <see cref="FileName"/>, as the
/// product finds such a file); it must either succeed or throw one of its typed errors naming that file. Allocation is
/// bounded by <see cref="FixedAllocationBytes"/> + <see cref="AllocationBytesPerInputByte"/> × input length.
/// </summary>
internal sealed record FuzzTarget(
    string Name,
    string FileName,
    Action<string> Read,
    IReadOnlySet<Type> TypedErrors,
    IReadOnlyList<byte[]> Seeds,
    IReadOnlyList<byte[]> Tokens,
    long FixedAllocationBytes,
    long AllocationBytesPerInputByte)
{
    public long AllocationBoundBytes(int inputLength) => FixedAllocationBytes + AllocationBytesPerInputByte * inputLength;

    /// <summary>A typed error, and its message names the file (the path or its name), so a user knows which file is bad.</summary>
    public bool IsTypedError(Exception error, string path) =>
        TypedErrors.Contains(error.GetType())
        && (error.Message.Contains(path, StringComparison.Ordinal) || error.Message.Contains(FileName, StringComparison.Ordinal));
}
