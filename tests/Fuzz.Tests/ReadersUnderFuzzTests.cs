using Ensemble.Fuzz.Targets;

namespace Ensemble.Fuzz.Tests;

/// <summary>The short seeded run CI makes of every reader (the benchmark run makes 140,000 cases: docs/benchmarks.md).</summary>
public sealed class ReadersUnderFuzzTests
{
    private const int CasesPerTarget = 400;

    public static TheoryData<string> Targets => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_seeded_run_finds_no_crash_unnamed_error_allocation_or_hang(string name)
    {
        // CI's machine is shared by parallel test assemblies: a 10 s hang limit here tells a hang from a busy core;
        // the 1 s limit of the issue is the benchmark run's.
        var options = new FuzzOptions(CasesPerTarget, seed: 7, hangLimit: TimeSpan.FromSeconds(10));
        var report = new MutationFuzzer(options, TimeProvider.System).Run(FuzzTargets.Named(name));

        Assert.Empty(report.Findings);
        Assert.Equal(CasesPerTarget, report.Accepted + report.TypedErrors);
        Assert.True(report.Accepted > 0, "no input was accepted: the seeds do not reach the reader's success path");
        Assert.True(report.TypedErrors > 0, "no input was refused: the mutations do not reach the reader's checks");
        Assert.InRange(report.LargestAllocationToBound, double.Epsilon, 1);
    }

    [Fact]
    public void The_same_seed_runs_the_same_cases()
    {
        var options = new FuzzOptions(200, seed: 11);
        var target = FuzzTargets.Named("submission");
        var first = new MutationFuzzer(options, TimeProvider.System).Run(target);
        var second = new MutationFuzzer(options, TimeProvider.System).Run(target);
        Assert.Equal((first.Accepted, first.TypedErrors), (second.Accepted, second.TypedErrors));
    }

    [Fact]
    public void The_names_known_without_seeds_are_the_targets_built()
    {
        Assert.Equal(FuzzTargets.Names, FuzzTargets.Create().Select(t => t.Name));
    }
}
