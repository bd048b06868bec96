using System.Text;
using Ensemble.Fuzz.Targets;

namespace Ensemble.Fuzz.Tests;

/// <summary>The fuzzer reports each kind of problem (a fuzzer that cannot report is worse than none).</summary>
public sealed class FindingsTests
{
    private static readonly byte[][] Seeds = [Encoding.ASCII.GetBytes("fname,labels\na.wav,Bark\n")];

    private static FuzzTarget Target(Action<string> read, long bytesPerInputByte = 1000) =>
        new("test", "input.csv", read, new HashSet<Type> { typeof(InvalidDataException) }, Seeds, [Encoding.ASCII.GetBytes(",")], 1 << 20, bytesPerInputByte);

    [Fact]
    public void An_untyped_exception_is_a_crash_found_once_with_its_input_saved()
    {
        var findings = Directory.CreateTempSubdirectory("ensemble-fuzz-tests-").FullName;
        var target = Target(path =>
        {
            if (File.ReadAllText(path).Contains(",,", StringComparison.Ordinal))
                throw new FormatException("two commas");
        });
        try
        {
            var report = new MutationFuzzer(new FuzzOptions(500, findingsDirectory: findings), TimeProvider.System).Run(target);

            var crash = Assert.Single(report.Findings);
            Assert.Equal(FuzzFindingKind.Crash, crash.Kind);
            Assert.True(crash.Occurrences > 1);
            Assert.Contains(",,", File.ReadAllText(crash.InputPath!), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(findings, recursive: true);
        }
    }

    [Fact]
    public void A_typed_error_that_does_not_name_the_file_is_a_finding()
    {
        var target = Target(_ => throw new InvalidDataException("bad input"));
        var finding = Assert.Single(new MutationFuzzer(new FuzzOptions(50), TimeProvider.System).Run(target).Findings);
        Assert.Equal(FuzzFindingKind.UnnamedFile, finding.Kind);
    }

    [Fact]
    public void A_typed_error_naming_the_file_is_a_normal_outcome()
    {
        var target = Target(path => throw new InvalidDataException($"{path}: bad input"));
        var report = new MutationFuzzer(new FuzzOptions(50), TimeProvider.System).Run(target);
        Assert.Empty(report.Findings);
        Assert.Equal(50, report.TypedErrors);
    }

    [Fact]
    public void Allocating_past_the_bound_is_a_finding()
    {
        var target = Target(path => GC.KeepAlive(new byte[(2 << 20) + File.ReadAllBytes(path).Length]), bytesPerInputByte: 1);
        var finding = Assert.Single(new MutationFuzzer(new FuzzOptions(20), TimeProvider.System).Run(target).Findings);
        Assert.Equal(FuzzFindingKind.Allocation, finding.Kind);
    }

    [Fact]
    // The other cases finish in microseconds; 5 s keeps them clear of the limit on a loaded machine.
    public void A_case_still_running_after_the_limit_is_a_hang_and_the_run_goes_on()
    {
        using var release = new ManualResetEventSlim();
        var calls = 0;
        var target = Target(_ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                release.Wait(TimeSpan.FromMinutes(1));
        });
        try
        {
            var report = new MutationFuzzer(new FuzzOptions(5, hangLimit: TimeSpan.FromSeconds(5)), TimeProvider.System).Run(target);
            Assert.Equal(FuzzFindingKind.Hang, Assert.Single(report.Findings).Kind);
            Assert.Equal(4, report.Accepted);
        }
        finally
        {
            release.Set();
        }
    }
}
