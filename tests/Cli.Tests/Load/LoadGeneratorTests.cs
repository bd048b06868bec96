using Ensemble.Cli.Load;
using Microsoft.Extensions.Time.Testing;

namespace Ensemble.Cli.Tests.Load;

public sealed class LoadGeneratorTests
{
    private static readonly LoadClip[] Clips = [new("a.wav", [1]), new("b.wav", [2])];

    /// <summary>Each request takes 100 ms of fake time; every fifth fails; the answers alternate between partial and not.</summary>
    private sealed class SteppingTarget(FakeTimeProvider time) : ILoadTarget
    {
        private int _calls;

        public List<string> Sent { get; } = [];

        public string Description => "stepping";

        public Task<LoadAnswer> SendAsync(LoadClip clip, Action onAttempt, CancellationToken cancellationToken)
        {
            onAttempt();
            Sent.Add(clip.Name);
            time.Advance(TimeSpan.FromMilliseconds(100));
            var call = ++_calls;
            return call % 5 == 0
                ? Task.FromException<LoadAnswer>(new LoadHttpException(System.Net.HttpStatusCode.TooManyRequests, "queue full"))
                : Task.FromResult(new LoadAnswer(call % 2 == 0, QueueMs: 10, ComputeMs: 30));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task One_client_sends_back_to_back_until_warmup_plus_duration_and_the_report_counts_only_the_measured_part()
    {
        var time = new FakeTimeProvider();
        var target = new SteppingTarget(time);
        var options = new LoadOptions(1, duration: TimeSpan.FromSeconds(3), warmup: TimeSpan.FromSeconds(1), window: TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var run = await new LoadGenerator(target, Clips, options, time).RunAsync(CancellationToken.None);
        var report = LoadReport.Of(run, options);

        Assert.Equal(40, run.Samples.Count); // 4 s of 100 ms requests
        Assert.Equal(new LoadTally(Sent: 40, Answered: 32, Partial: 16, Retried: 0, Failed: 8, Abandoned: 0, Lost: 0), report.Requests);
        Assert.Equal(["a.wav", "b.wav", "a.wav"], target.Sent.Take(3));
        // Measured: requests 11-40 finish in (1 s, 4 s]; 6 of them fail (15, 20, ..., 40).
        Assert.Equal(24, report.Answered);
        Assert.Equal(8, report.ClipsPerSecond, 6);
        Assert.Equal(3, report.Windows.Count);
        Assert.All(report.Windows, w => Assert.Equal(8, w.Answered));
        Assert.True(report.Stable);
        Assert.Equal(12, report.Partial);
        Assert.Equal((10.0, 30.0), (report.MeanQueueMs, report.MeanComputeMs));
        Assert.Equal(100, report.P99Ms, 6);
        // Errors count the warm-up's too (requests 5 and 10).
        Assert.Equal(8, report.Errors);
        Assert.Equal(8, report.ErrorsByKind["HTTP 429"]);
    }

    [Fact]
    public async Task Every_client_keeps_a_request_in_flight()
    {
        const int clients = 4;
        var time = new FakeTimeProvider();
        var allInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = 0;
        var target = new GatedTarget(async () =>
        {
            if (Interlocked.Increment(ref inFlight) == clients)
                allInFlight.TrySetResult();
            await allInFlight.Task;
            time.Advance(TimeSpan.FromSeconds(1));
            Interlocked.Decrement(ref inFlight);
        });
        var options = new LoadOptions(clients, TimeSpan.FromSeconds(2), TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var run = await new LoadGenerator(target, Clips, options, time).RunAsync(CancellationToken.None);

        Assert.True(allInFlight.Task.IsCompletedSuccessfully);
        Assert.True(run.Samples.Count >= clients);
        Assert.All(run.Samples, s => Assert.True(s.Succeeded));
    }

    [Fact]
    public async Task Cancelling_ends_the_run_with_what_was_measured()
    {
        var time = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var target = new GatedTarget(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            if (++calls == 5)
                cancel.Cancel();
            return Task.CompletedTask;
        });
        var options = new LoadOptions(1, TimeSpan.FromSeconds(60), TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        var run = await new LoadGenerator(target, Clips, options, time).RunAsync(cancel.Token);

        Assert.Equal(5, run.Samples.Count);
        Assert.Equal(0.5, LoadReport.Of(run, options).Measured.TotalSeconds, 6);
    }

    [Fact]
    public async Task Retries_are_counted_and_a_request_that_never_answers_is_lost_after_the_grace()
    {
        var time = new FakeTimeProvider();
        var options = new LoadOptions(1, TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var calls = 0;
        var never = new TaskCompletionSource();
        var target = new AttemptingTarget(async onAttempt =>
        {
            onAttempt();
            onAttempt(); // the client library retried once
            time.Advance(TimeSpan.FromSeconds(1));
            if (++calls == 3)
            {
                // Past the end and the grace: the generator must give up on this request instead of waiting forever.
                time.Advance(options.Warmup + options.Duration + LoadOptions.Grace);
                await never.Task;
            }
        });

        var report = LoadReport.Of(await new LoadGenerator(target, Clips, options, time).RunAsync(CancellationToken.None), options);

        Assert.Equal(new LoadTally(Sent: 3, Answered: 2, Partial: 0, Retried: 2, Failed: 0, Abandoned: 0, Lost: 1), report.Requests);
    }

    private sealed class AttemptingTarget(Func<Action, Task> onSend) : ILoadTarget
    {
        public string Description => "attempting";

        public async Task<LoadAnswer> SendAsync(LoadClip clip, Action onAttempt, CancellationToken cancellationToken)
        {
            await onSend(onAttempt);
            return new LoadAnswer(false, 0, 0);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public void Options_report_every_problem_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => new LoadOptions(0, TimeSpan.Zero, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)));
        Assert.Contains("--clients", error.Message, StringComparison.Ordinal);
        Assert.Contains("--duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("--warmup", error.Message, StringComparison.Ordinal);
        Assert.Contains("--window", error.Message, StringComparison.Ordinal);
    }

    private sealed class GatedTarget(Func<Task> onSend) : ILoadTarget
    {
        public string Description => "gated";

        public async Task<LoadAnswer> SendAsync(LoadClip clip, Action onAttempt, CancellationToken cancellationToken)
        {
            onAttempt();
            await onSend();
            return new LoadAnswer(false, 0, 0);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
