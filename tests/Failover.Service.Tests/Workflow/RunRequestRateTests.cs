using Failover.Service.Ports.Route53;
using Failover.Service.Progress;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// The Route 53 rate a step learned reaches the run's next step (another function, another process) through the run's
/// item, and a step writes it only when it moved by more than a tenth: a few writes per run, never one per request.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunRequestRateTests
{
    [Fact]
    public async Task The_next_step_continues_from_the_rate_the_last_one_ended_with_and_small_moves_are_not_written()
    {
        var harness = new ServiceHarness();
        var started = await harness.Starter.ApplyAsync(harness.Spec());
        var (first, second) = (new LearnedRate(5), new LearnedRate(5));
        var stepOne = harness.Services with { Route53Rate = first };
        var stepTwo = harness.Services with { Route53Rate = second };

        var startedAt = await RunRequestRate.ResumeAsync(stepOne, started.RunId, default);
        first.RequestsPerSecond = 5.4;
        await RunRequestRate.SaveAsync(stepOne, started.RunId, startedAt, usage: null, default);
        var afterSmallMove = (await harness.Store.GetRunAsync(started.RunId))!.Route53RequestsPerSecond;

        first.RequestsPerSecond = 9.5;
        await RunRequestRate.SaveAsync(stepOne, started.RunId, startedAt, usage: null, default);
        var nextStartsAt = await RunRequestRate.ResumeAsync(stepTwo, started.RunId, default);

        Assert.Equal(5, startedAt.RequestsPerSecond);
        Assert.Null(afterSmallMove);
        Assert.Equal(9.5, nextStartsAt.RequestsPerSecond);
        Assert.Equal(9.5, second.RequestsPerSecond);
    }

    [Fact]
    public async Task Without_a_learned_rate_nothing_is_read_or_written()
    {
        var harness = new ServiceHarness();
        var started = await harness.Starter.ApplyAsync(harness.Spec());

        var startedAt = await RunRequestRate.ResumeAsync(harness.Services, started.RunId, default);
        await RunRequestRate.SaveAsync(harness.Services, started.RunId, startedAt, usage: null, default);

        Assert.Equal(new RunRequestRate.Start(null), startedAt);
        Assert.Null((await harness.Store.GetRunAsync(started.RunId))!.Route53RequestsPerSecond);
    }

    [Fact]
    public async Task A_step_keeps_its_rate_and_adds_its_Route53_requests_together_and_a_step_that_sent_none_adds_nothing()
    {
        var harness = new ServiceHarness();
        var started = await harness.Starter.ApplyAsync(harness.Spec());
        var rate = new LearnedRate(5);
        var step = harness.Services with { Route53Rate = rate };

        var startedAt = await RunRequestRate.ResumeAsync(step, started.RunId, default);
        var usage = Route53Usage.Begin();
        for (var i = 0; i < 7; i++) usage.Count(throttled: i < 2);
        rate.RequestsPerSecond = 8;
        await RunRequestRate.SaveAsync(step, started.RunId, startedAt, usage, default);
        var afterFirst = await harness.Store.GetRunAsync(started.RunId);
        await RunRequestRate.SaveAsync(step, started.RunId, await RunRequestRate.ResumeAsync(step, started.RunId, default),
            Route53Usage.Begin(), default);
        var afterIdle = await harness.Store.GetRunAsync(started.RunId);

        Assert.Equal((8.0, 7L, 2L), (afterFirst!.Route53RequestsPerSecond, afterFirst.Route53Requests, afterFirst.Route53Throttles));
        Assert.Equal((8.0, 7L, 2L), (afterIdle!.Route53RequestsPerSecond, afterIdle.Route53Requests, afterIdle.Route53Throttles));
    }

    private sealed class LearnedRate(double start) : IRequestRate
    {
        public double RequestsPerSecond { get; set; } = start;

        public void Resume(double requestsPerSecond) => RequestsPerSecond = requestsPerSecond;
    }
}
