using Failover.Core.Contracts.Events;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Service.Events;
using Failover.Service.Ports;
using Failover.Service.Ports.Store;
using Failover.Service.Progress;
using Failover.Testing.Store;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Service.Tests.Events;

/// <summary>
/// Every event the service publishes also goes on its tree's timeline (<c>GET /trees/{name}/events</c>), with a sentence
/// for people; neither the bus nor the timeline failing fails the run that published.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TreeEventTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TreeDescriptor Www = new("www", "Z1", "www.example.com", "A", null);

    [Fact]
    public async Task Each_event_goes_on_the_trees_timeline_with_a_sentence_saying_what_happened()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryProgressStore(time);
        var bus = new RecordingBus();
        var events = new TreeEvents(bus, time) { Timeline = store };

        await events.RunAsync(FailoverEventTypes.RunStarted, Run(), Www, RunStatus.Running);
        time.Advance(TimeSpan.FromSeconds(30));
        await events.RunAsync(FailoverEventTypes.RunRolledBack, Run(), Www, RunStatus.RolledBack,
            new RunEventNote { Error = "RecordConflict", Cause = "www.example.com A [a] is someone else's record" });
        time.Advance(TimeSpan.FromSeconds(30));
        await events.RunAsync(FailoverEventTypes.RunFailed, Run(RunKind.Teardown), Www, RunStatus.Failed,
            new RunEventNote { RollbackFailed = true, Cause = new string('x', 1000) });

        var timeline = await store.ListTreeEventsAsync("www", 10);
        Assert.Equal(3, bus.Events.Count);
        Assert.Equal(["run-1/run-failed", "run-1/run-rolled-back", "run-1/run-started"], timeline.Select(e => e.EventId));
        Assert.Equal(["Run Failed", "Run Rolled Back", "Run Started"], timeline.Select(e => e.DetailType));
        Assert.Equal("Apply of version 3 started", timeline[2].Summary);
        Assert.Equal("Apply of version 3 failed and was rolled back: www.example.com A [a] is someone else's record",
            timeline[1].Summary);
        Assert.StartsWith("Teardown of version 3 failed and its rollback failed too: the zone may hold part of it: xxx",
            timeline[0].Summary);
        Assert.True(timeline[0].Summary.Length < 400, "a long cause is shortened on the timeline");
        Assert.Equal((Start.AddMinutes(1), 3, "run-1", "/runs/run-1"),
            (timeline[0].Time, timeline[0].Version, timeline[0].RunId, timeline[0].Link));
    }

    [Fact]
    public async Task A_bus_that_refuses_keeps_nothing_off_the_timeline_and_a_failing_timeline_fails_nothing()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryProgressStore(time);
        var refusing = new TreeEvents(new RecordingBus(new InvalidOperationException("bus down")), time) { Timeline = store };
        var bus = new RecordingBus();
        var unrecorded = new TreeEvents(bus, time) { Timeline = new FailingTimeline() };

        await refusing.RunAsync(FailoverEventTypes.RunSucceeded, Run(), Www, RunStatus.Succeeded);
        await unrecorded.RunAsync(FailoverEventTypes.RunSucceeded, Run(), Www, RunStatus.Succeeded);

        Assert.Equal("Apply of version 3 succeeded", Assert.Single(await store.ListTreeEventsAsync("www", 10)).Summary);
        Assert.Single(bus.Events);
    }

    [Fact]
    public async Task Drift_of_a_tree_attached_in_several_zones_names_every_zone_a_drifted_record_is_in()
    {
        var time = new FakeTimeProvider(Start);
        var bus = new RecordingBus();
        var events = new TreeEvents(bus, time);
        var tree = new TreeRecord(Www, TreeStatus.Active, 3, 3, "run-1", RunStatus.Succeeded, Start, Start);
        DriftItem Missing(string name, string zone) =>
            new(DriftKind.RecordMissing) { Record = new RecordKey(name, "A", "a"), NodeId = "a", HostedZoneId = zone };

        await events.DriftDetectedAsync(tree, 3, new DriftReport("www", "Z1", "www.example.com",
            [Missing("www.example.com", "Z1"), Missing("www.example.org", "Z2"), Missing("api.example.org", "Z2")]));
        await events.DriftDetectedAsync(tree, 3, new DriftReport("www", "Z1", "www.example.com", [Missing("www.example.com", "Z1")]));

        var details = bus.Events.Select(e => System.Text.Json.JsonDocument.Parse(e.Detail).RootElement).ToList();
        Assert.Equal(["Z1", "Z2"], details[0].GetProperty("hostedZoneIds").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal("Z1", details[0].GetProperty("hostedZoneId").GetString());
        Assert.False(details[1].TryGetProperty("hostedZoneIds", out _));
    }

    private static RunRecord Run(RunKind kind = RunKind.Apply) =>
        new("run-1", "www", 3, kind, RunStatus.Running, null, null, false, Start, Start, null);

    private sealed class RecordingBus(Exception? failure = null) : IEventBus
    {
        public List<BusEvent> Events { get; } = [];

        public Task PutAsync(IReadOnlyList<BusEvent> events, CancellationToken cancellationToken = default)
        {
            if (failure is not null) throw failure;
            Events.AddRange(events);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingTimeline : ITreeEventRecords
    {
        public Task PutTreeEventAsync(TreeEventRecord record, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("table down");

        public Task<IReadOnlyList<TreeEventRecord>> ListTreeEventsAsync(string tree, int limit,
            CancellationToken cancellationToken = default) => throw new InvalidOperationException("table down");
    }
}
