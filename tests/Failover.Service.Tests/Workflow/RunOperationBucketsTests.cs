using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// The Route 53 per-operation buckets a step left spent reach the run's next step (another function, another process)
/// through the run's item; a step writes them only when it took tokens from its copies, and never fails for the write.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunOperationBucketsTests
{
    [Fact]
    public async Task The_next_step_resumes_the_buckets_the_last_one_spent()
    {
        var harness = new ServiceHarness();
        var started = await harness.Starter.ApplyAsync(harness.Spec());
        var (first, second) = (new Copies(), new Copies());

        var start = await RunRequestRate.ResumeAsync(harness.Services with { Route53OperationBuckets = first }, started.RunId, default);
        var spent = new OperationBucket("CreateHealthCheck", 0.25, 0.5, harness.Time.GetUtcNow());
        first.Take([spent]);
        await RunRequestRate.SaveAsync(
            harness.Services with { Route53OperationBuckets = first }, started.RunId, start, usage: null, default);
        var next = await RunRequestRate.ResumeAsync(harness.Services with { Route53OperationBuckets = second }, started.RunId, default);

        Assert.Equal(new RunRequestRate.Start(null, BucketsKept: false, TakenAtStart: 0), start);
        Assert.Empty(Assert.Single(first.Resumed));
        Assert.Equal([spent], Assert.Single(second.Resumed));
        Assert.True(next.BucketsKept);
    }

    [Fact]
    public async Task A_step_that_took_no_token_writes_nothing_and_one_that_left_every_copy_full_clears_the_state()
    {
        var harness = new ServiceHarness();
        var started = await harness.Starter.ApplyAsync(harness.Spec());
        var kept = new OperationBucket("CreateHealthCheck", 3, 0.5, harness.Time.GetUtcNow());
        await harness.Store.SaveRunStepEndAsync(started.RunId, RunStepEnd.Nothing with { Buckets = [kept] });
        var idle = new Copies();
        var services = harness.Services with { Route53OperationBuckets = idle };

        var start = await RunRequestRate.ResumeAsync(services, started.RunId, default);
        // Refilled since, but no token taken: the kept state already says so.
        idle.Snapshots = [kept with { Balance = 40 }];
        await RunRequestRate.SaveAsync(services, started.RunId, start, usage: null, default);
        var afterIdle = (await harness.Store.GetRunAsync(started.RunId))!.Route53OperationBuckets;
        var busy = new Copies();
        services = harness.Services with { Route53OperationBuckets = busy };
        start = await RunRequestRate.ResumeAsync(services, started.RunId, default);
        busy.Take([]);
        await RunRequestRate.SaveAsync(services, started.RunId, start, usage: null, default);

        Assert.Equal([kept], afterIdle);
        Assert.Empty((await harness.Store.GetRunAsync(started.RunId))!.Route53OperationBuckets);
    }

    [Fact]
    public async Task A_failed_write_loses_the_hint_and_not_the_step()
    {
        var harness = new ServiceHarness();
        var copies = new Copies();
        var services = harness.Services with { Route53OperationBuckets = copies };

        // No such run: the read finds nothing (full copies) and the write is refused.
        var start = await RunRequestRate.ResumeAsync(services, "run-none", default);
        copies.Take([new OperationBucket("CreateHealthCheck", 0, 0.5, harness.Time.GetUtcNow())]);
        await RunRequestRate.SaveAsync(services, "run-none", start, usage: null, default);

        Assert.False(start.BucketsKept);
    }

    /// <summary>A process's copies: what it was resumed from, and the state and tokens taken a test sets.</summary>
    private sealed class Copies : IOperationBuckets
    {
        public List<IReadOnlyList<OperationBucket>> Resumed { get; } = [];
        public IReadOnlyList<OperationBucket> Snapshots { get; set; } = [];
        public long Taken { get; private set; }

        public void Take(IReadOnlyList<OperationBucket> after)
        {
            Taken++;
            Snapshots = after;
        }

        public IReadOnlyList<OperationBucket> Snapshot() => Snapshots;

        public void Resume(IReadOnlyList<OperationBucket> kept) => Resumed.Add(kept);
    }
}
