using System.Security.Cryptography;
using Ensemble.Audio.Crops;
using Ensemble.Fuzz.Mutation;
using Ensemble.Fuzz.Targets;

namespace Ensemble.Fuzz;

/// <summary>
/// Runs a target on its seeds and then on mutated inputs: each case in its own task (so a hang is seen after the
/// limit instead of stopping the run), its allocation measured on the thread that ran it. Findings are grouped by
/// signature (kind, exception type, the first stack frame): one per distinct bug, with the first input saved.
/// </summary>
internal sealed class MutationFuzzer(FuzzOptions options, TimeProvider time)
{
    public FuzzTargetReport Run(FuzzTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var work = Directory.CreateTempSubdirectory($"ensemble-fuzz-{target.Name}-");
        try
        {
            return Run(target, work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private FuzzTargetReport Run(FuzzTarget target, string workDirectory)
    {
        var random = new SplitMixRandom(unchecked((ulong)options.Seed) ^ (ulong)StableHash(target.Name));
        var mutator = new Mutator(random, target.Seeds, target.Tokens, options.MaxInputBytes);
        var findings = new Dictionary<string, FuzzFinding>(StringComparer.Ordinal);
        int accepted = 0, typed = 0;
        double slowestMs = 0, largestRatio = 0;
        var started = time.GetTimestamp();
        for (var i = 0; i < options.CasesPerTarget; i++)
        {
            var input = i < target.Seeds.Count ? target.Seeds[i] : mutator.Next();
            // A fresh folder per case: a hung case may still hold its file open.
            var path = Path.Combine(workDirectory, i.ToString(System.Globalization.CultureInfo.InvariantCulture), target.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, input);
            var caseStarted = time.GetTimestamp();
            var outcome = RunCase(target, path);
            slowestMs = Math.Max(slowestMs, time.GetElapsedTime(caseStarted).TotalMilliseconds);
            var bound = target.AllocationBoundBytes(input.Length);
            if (outcome.AllocatedBytes is { } allocated)
                largestRatio = Math.Max(largestRatio, (double)allocated / bound);
            var finding = Classify(target, path, input.Length, outcome, bound);
            if (finding is null)
            {
                if (outcome.Error is null)
                    accepted++;
                else
                    typed++;
                if (!outcome.Hung)
                    Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
                continue;
            }
            if (findings.TryGetValue(finding.Value.Signature, out var seen))
                findings[finding.Value.Signature] = seen with { Occurrences = seen.Occurrences + 1 };
            else
                findings[finding.Value.Signature] = new FuzzFinding(target.Name, finding.Value.Kind, finding.Value.Signature, finding.Value.Detail, Save(target, finding.Value.Kind, input), 1);
        }
        return new FuzzTargetReport(target.Name, options.CasesPerTarget, accepted, typed, [.. findings.Values], time.GetElapsedTime(started), slowestMs, largestRatio);
    }

    private sealed record CaseOutcome(Exception? Error, long? AllocatedBytes, bool Hung);

    private CaseOutcome RunCase(FuzzTarget target, string path)
    {
        // A thread of its own (LongRunning): a hung case keeps it, and a busy thread pool cannot delay the next case.
        var task = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Exception? error = null;
            try
            {
                target.Read(path);
            }
#pragma warning disable CA1031 // The fuzzer's job is to catch every exception and classify it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
            }
            return new CaseOutcome(error, GC.GetAllocatedBytesForCurrentThread() - before, Hung: false);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return task.Wait(options.HangLimit) ? task.Result : new CaseOutcome(null, null, Hung: true);
    }

    private static (FuzzFindingKind Kind, string Signature, string Detail)? Classify(FuzzTarget target, string path, int inputLength, CaseOutcome outcome, long bound)
    {
        if (outcome.Hung)
            return (FuzzFindingKind.Hang, "hang", $"still running after the hang limit on a {inputLength}-byte input");
        if (outcome.Error is { } error)
        {
            if (!target.TypedErrors.Contains(error.GetType()))
                return (FuzzFindingKind.Crash, $"crash {error.GetType().Name} {TopFrame(error)}", $"{error.GetType().Name}: {error.Message}");
            if (!target.IsTypedError(error, path))
                return (FuzzFindingKind.UnnamedFile, $"unnamed {error.GetType().Name} {TopFrame(error)}", $"{error.GetType().Name} without the file name: {error.Message}");
        }
        if (outcome.AllocatedBytes > bound)
            return (FuzzFindingKind.Allocation, "allocation", $"{outcome.AllocatedBytes:N0} bytes allocated for a {inputLength}-byte input (bound {bound:N0})");
        return null;
    }

    private static string TopFrame(Exception error) =>
        error.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no stack)";

    private string? Save(FuzzTarget target, FuzzFindingKind kind, byte[] input)
    {
        if (options.FindingsDirectory is null)
            return null;
        Directory.CreateDirectory(options.FindingsDirectory);
        var path = Path.Combine(options.FindingsDirectory, $"{target.Name}-{kind}-{Convert.ToHexStringLower(SHA256.HashData(input))[..12]}{Path.GetExtension(target.FileName)}");
        File.WriteAllBytes(path, input);
        return path;
    }

    // string.GetHashCode is randomised per process; the run must be the same for the same seed.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
