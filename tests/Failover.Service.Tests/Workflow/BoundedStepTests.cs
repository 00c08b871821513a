using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Service.Progress;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// A layer step and Rollback work within their budget per invocation and leave the rest to their next invocation, so a
/// tree of any size applies (and rolls back) in invocations of bounded length. Route 53 is modelled at the documented
/// 5 requests/s on the fake clock (each request takes 200 ms); the budget is 2 s, so a layer of 12 health checks (24
/// requests, 4.8 s) cannot be done in one invocation.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BoundedStepTests
{
    private static readonly TimeSpan PerRequest = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private const int Checks = 12;

    /// <summary>Route 53 at 5 requests/s, and each invocation's span on the fake clock (by the state it ran).</summary>
    private static (ServiceHarness Harness, List<(string State, TimeSpan Spent, int Writes)> Invocations) Harness(
        CountedAlarms? alarms = null)
    {
        // One check at a time: the fake clock adds up every request's 200 ms, so units in flight together would not overlap
        // in its time as they do in Route 53's (LayerUnitsTests covers the budget with several in flight).
        var h = new ServiceHarness(options => options with { StepBudget = Budget, HealthCheckConcurrency = 1 }, alarms);
        if (alarms is not null) alarms.Time = h.Time;
        var invocations = new List<(string State, TimeSpan Spent, int Writes)>();
        var current = -2;
        DateTimeOffset started = default;
        h.Route53.BeforeRequest = operation =>
        {
            var index = h.Driver.StatesEntered.Count - 1;
            if (index != current)
            {
                current = index;
                started = h.Time.GetUtcNow();
                invocations.Add((index < 0 ? "Plan" : h.Driver.StatesEntered[index], TimeSpan.Zero, 0));
            }
            h.Time.Advance(PerRequest);
            var writes = operation is "CreateHealthCheck" or "DeleteHealthCheck" or "ChangeResourceRecordSets" ? 1 : 0;
            invocations[^1] = (invocations[^1].State, h.Time.GetUtcNow() - started, invocations[^1].Writes + writes);
            return Task.CompletedTask;
        };
        return (h, invocations);
    }

    private static string Pool(int count) =>
        "[" + string.Join(",", Enumerable.Range(1, count).Select(i =>
            $$"""{ "id": "web{{i}}", "weight": 10, "endpoint": { "values": ["192.0.2.{{i}}"], "healthCheck": {} } }""")) + "]";

    [Fact]
    public async Task A_layer_of_more_checks_than_one_invocation_allows_is_entered_again_and_each_invocation_stays_bounded()
    {
        var (h, invocations) = Harness();
        var started = await h.Starter.ApplyAsync(h.Spec(pool: Pool(Checks)));
        var remaining = new List<int?>();

        var outcome = await h.Driver.DriveAsync(started.RunId, beforeStep: cursor =>
        {
            if (cursor.Step == LayerSteps.HealthChecks) remaining.Add(cursor.Remaining);
            return Task.CompletedTask;
        });

        Assert.Equal("SUCCEEDED", outcome.Status);
        // Each check is a create and a tag (400 ms): five fit in a 2 s budget, so 12 take three invocations.
        Assert.Equal([null, 7, 2], remaining);
        Assert.Equal(["HealthChecks", "HealthChecks", "HealthChecks", "LeafRecords", "AliasLevel", "CheckChange", "Finalize"],
            h.Driver.StatesEntered);
        // No invocation starts a unit after its budget: at most the budget plus the unit under way, plus its reads.
        Assert.All(invocations.Where(i => i.State == LayerSteps.HealthChecks), i => Assert.InRange(i.Spent, PerRequest, Budget * 1.5));
        Assert.Equal(Checks, invocations.Sum(i => i.State == LayerSteps.HealthChecks ? i.Writes : 0));
        var checks = await h.ChecksOfAsync("www");
        Assert.Equal(Checks, checks.Count);
        var pool = h.ZoneRecords().Where(r => r.HealthCheckId is not null).ToList();
        Assert.Equal(checks.Select(c => c.Check.Id).Order(), pool.Select(r => r.HealthCheckId!).Order());
        Assert.All(await h.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Done, n.Status));
    }

    [Fact]
    public async Task A_rollback_of_more_work_than_one_invocation_allows_is_entered_again_until_the_zone_is_as_it_was()
    {
        var (h, invocations) = Harness();
        var zoneBefore = h.ZoneLines();
        var spec = h.Spec(pool: Pool(Checks));
        var started = await h.Starter.ApplyAsync(spec);
        var root = TreeCompiler.Compile(spec).Records.First(r => r.NodeId == "pool").RecordSet;
        var foreign = new ResourceRecordSet { Name = root.Name, Type = "A", SetIdentifier = "pool", Failover = "PRIMARY", Ttl = 60,
            ResourceRecords = ["203.0.113.7"] };

        // Someone writes where the alias level writes, after the checks and the leaves went in: the run must undo them all.
        var outcome = await h.Driver.DriveWithRollbackAsync(started.RunId, beforeStep: cursor =>
            cursor.Step == LayerSteps.AliasLevel
                ? h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]))
                : Task.CompletedTask);

        Assert.Equal(("ROLLED_BACK", WorkflowErrors.RecordConflict), (outcome.Status, outcome.Error));
        var rollbacks = invocations.Where(i => i.State == "Rollback").ToList();
        Assert.True(rollbacks.Count > 1, $"the rollback of {Checks} checks ran in {rollbacks.Count} invocation(s)");
        Assert.Equal(Checks + 1, rollbacks.Sum(i => i.Writes));
        // Each invocation re-plans (reads the zone and the checks) and then works within its budget.
        Assert.All(rollbacks, i => Assert.True(i.Spent <= Budget * 2, $"a Rollback invocation spent {i.Spent.TotalSeconds} s"));
        Assert.Equal([.. zoneBefore.Append(ServiceHarness.Describe(foreign)).Order()], h.ZoneLines().Order());
        Assert.Empty(await h.ChecksOfAsync("www"));
        Assert.Equal(RunStatus.RolledBack, (await h.Store.GetRunAsync(started.RunId))!.Status);
        Assert.Null(await h.Store.GetLockAsync("www"));
        Assert.Empty(await h.Store.GetOwnedRecordsAsync("www"));
    }

    [Fact]
    public async Task A_layer_of_more_alarms_than_one_invocation_allows_is_entered_again_and_puts_each_alarm_once()
    {
        var alarms = new CountedAlarms();
        var (h, _) = Harness(alarms);
        var started = await h.Starter.ApplyAsync(h.Spec(pool: Pool(Checks)));

        var outcome = await h.Driver.DriveAsync(started.RunId);

        Assert.Equal("SUCCEEDED", outcome.Status);
        // 12 puts of 200 ms each do not fit in a 2 s budget: the layer is entered again, and goes on where it stopped.
        Assert.True(h.Driver.StatesEntered.Count(s => s == LayerSteps.HealthCheckAlarms) > 1,
            string.Join(", ", h.Driver.StatesEntered));
        Assert.Equal(Checks, alarms.Puts);
        var checks = await h.ChecksOfAsync("www");
        Assert.Equal(checks.Select(c => ServiceHarness.AlarmPrefix + c.Check.Id).Order(), alarms.Names.Order());
        Assert.All(await h.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Done, n.Status));
    }
}

/// <summary>CloudWatch's alarms in memory; every request takes 200 ms on the harness's clock, as Route 53's do.</summary>
internal sealed class CountedAlarms : Failover.Service.Ports.IMetricAlarms
{
    private readonly Dictionary<string, Failover.Core.Alarms.MetricAlarm> _alarms = new(StringComparer.Ordinal);

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Time { get; set; }
    public int Puts { get; private set; }
    public IEnumerable<string> Names => _alarms.Keys;

    public Task<IReadOnlyList<Failover.Core.Alarms.MetricAlarm>> DescribeAsync(string namePrefix, CancellationToken cancellationToken)
    {
        Time?.Advance(TimeSpan.FromMilliseconds(200));
        return Task.FromResult<IReadOnlyList<Failover.Core.Alarms.MetricAlarm>>(
            [.. _alarms.Values.Where(a => a.Name.StartsWith(namePrefix, StringComparison.Ordinal))]);
    }

    public Task PutAsync(Failover.Core.Alarms.MetricAlarm alarm, IReadOnlyList<KeyValuePair<string, string>> tags,
        CancellationToken cancellationToken)
    {
        Time?.Advance(TimeSpan.FromMilliseconds(200));
        Puts++;
        _alarms[alarm.Name] = alarm;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        Time?.Advance(TimeSpan.FromMilliseconds(200));
        foreach (var name in names) _alarms.Remove(name);
        return Task.CompletedTask;
    }
}
