using Failover.Service.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Service.Tests.Workflow;

/// <summary>A layer's units a few at a time: never more in flight than allowed, the budget respected, a failure final.</summary>
[Trait("Category", "Unit")]
public sealed class LayerUnitsTests
{
    private static readonly FakeTimeProvider Time = new();

    /// <summary>Units that each wait to be let go, counting how many are in flight at once.</summary>
    private sealed class Gate
    {
        private int _inFlight;
        public int MostInFlight;
        public readonly List<int> Ran = [];

        public async Task RunAsync(int unit, TimeSpan takes)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (Ran) MostInFlight = Math.Max(MostInFlight, now);
            await Task.Delay(takes);
            Interlocked.Decrement(ref _inFlight);
            lock (Ran) Ran.Add(unit);
        }
    }

    [Fact]
    public async Task Every_unit_runs_with_no_more_in_flight_than_allowed()
    {
        var gate = new Gate();
        var units = Enumerable.Range(0, 20).ToList();

        var ran = await LayerUnits.RunAsync(units, 4, StepBudget.Unlimited(Time),
            (unit, _) => gate.RunAsync(unit, TimeSpan.FromMilliseconds(100)), CancellationToken.None);

        Assert.Equal(20, ran);
        Assert.Equal(units, gate.Ran.Order());
        Assert.Equal(4, gate.MostInFlight);
    }

    [Fact]
    public async Task A_budget_of_nothing_starts_one_unit_whatever_the_concurrency()
    {
        var gate = new Gate();

        var ran = await LayerUnits.RunAsync(Enumerable.Range(0, 5).ToList(), 4, new StepBudget(Time, TimeSpan.Zero),
            (unit, _) => gate.RunAsync(unit, TimeSpan.FromMilliseconds(5)), CancellationToken.None);

        Assert.Equal((1, 1), (ran, gate.MostInFlight));
    }

    [Fact]
    public async Task Once_the_budget_is_spent_no_unit_starts_and_the_ones_in_flight_finish()
    {
        var time = new FakeTimeProvider();
        var budget = new StepBudget(time, TimeSpan.FromSeconds(10));
        var gate = new Gate();

        // The clock passes the budget while the first units are out: they finish and are counted, nothing else starts.
        var ran = await LayerUnits.RunAsync(Enumerable.Range(0, 12).ToList(), 3, budget, async (unit, _) =>
        {
            time.Advance(TimeSpan.FromSeconds(4));
            await gate.RunAsync(unit, TimeSpan.FromMilliseconds(20));
        }, CancellationToken.None);

        Assert.InRange(ran, 3, 5);
        Assert.Equal(ran, gate.Ran.Count);
        Assert.Equal(ran, budget.Done);
    }

    [Fact]
    public async Task After_a_failure_no_unit_starts_the_ones_in_flight_finish_and_the_failure_is_thrown_as_it_was()
    {
        var gate = new Gate();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LayerUnits.RunAsync(Enumerable.Range(0, 30).ToList(), 4,
            StepBudget.Unlimited(Time), async (unit, _) =>
            {
                if (unit == 1)
                {
                    failed.SetResult();
                    throw new InvalidOperationException("unit 1 failed");
                }
                // The others out with it finish well after it failed.
                await failed.Task;
                await gate.RunAsync(unit, TimeSpan.FromMilliseconds(150));
            }, CancellationToken.None));

        Assert.Equal("unit 1 failed", error.Message);
        // Units 0, 2 and 3 were out when unit 1 failed: they finished; none after them started.
        Assert.Equal([0, 2, 3], gate.Ran.Order());
    }
}
