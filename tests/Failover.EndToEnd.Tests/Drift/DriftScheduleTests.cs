using System.Text.Json;
using Failover.Functions.Handlers.Drift;
using Failover.Local;
using Failover.Local.Drift;
using Failover.Local.Lambda;

namespace Failover.EndToEnd.Tests.Drift;

/// <summary>The schedule emulation on its own: the timer fires the scheduler with a scheduled event, and can be switched off.</summary>
[Trait("Category", "Unit")]
public sealed class DriftScheduleTests
{
    [Fact]
    public async Task The_timer_invokes_the_scheduler_with_a_scheduled_event_again_and_again()
    {
        var events = new List<ScheduledEvent>();
        var fired = new SemaphoreSlim(0);
        var functions = new FunctionRegistry().Register(DriftHandlers.SchedulerName, (payload, _) =>
        {
            lock (events) events.Add(JsonSerializer.Deserialize(payload.Span, DriftJsonContext.Default.ScheduledEvent)!);
            fired.Release();
            return Task.FromResult<ReadOnlyMemory<byte>>("{}"u8.ToArray());
        });

        await using (var schedule = new DriftSchedule(functions, TimeSpan.FromSeconds(1), TimeProvider.System, log: null))
        {
            Assert.True(await fired.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.True(await fired.WaitAsync(TimeSpan.FromSeconds(60)));
        }

        lock (events)
        {
            Assert.True(events.Count >= 2);
            Assert.All(events, e => Assert.Equal("Scheduled Event", e.DetailType));
            Assert.All(events, e => Assert.Equal([DriftSchedule.RuleArn], e.Resources));
            Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        }
    }

    [Fact]
    public async Task Without_an_interval_only_a_request_fires_it()
    {
        var calls = 0;
        var functions = new FunctionRegistry().Register(DriftHandlers.SchedulerName, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult<ReadOnlyMemory<byte>>("{\"scheduled\":0}"u8.ToArray());
        });
        await using var schedule = new DriftSchedule(functions, interval: null, TimeProvider.System, log: null);

        var result = await schedule.FireAsync(CancellationToken.None);

        Assert.False(result.Failed);
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(0.5, "drift schedule interval")]
    [InlineData(null, null)]
    public void Settings_are_validated_by_name(double? seconds, string? error)
    {
        var settings = new DriftEmulationSettings { ScheduleInterval = seconds is { } s ? TimeSpan.FromSeconds(s) : null };
        var errors = (LocalStackOptions.ForTests() with { Drift = settings }).Validate();
        if (error is null) Assert.Empty(errors);
        else Assert.Contains(errors, e => e.Contains(error));
        Assert.Contains(new DriftEmulationSettings { VisibilityTimeout = TimeSpan.FromMilliseconds(1500) }.Validate(),
            e => e.Contains("visibility timeout"));
    }
}
