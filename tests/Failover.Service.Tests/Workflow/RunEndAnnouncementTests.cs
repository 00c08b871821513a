using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Events;
using Failover.Service.Metrics;
using Failover.Service.Ports;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;
using Failover.Testing.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// A step that ends a run (Finalize, Rollback) and fails after marking it, before its metrics and event went out (a store
/// error among its releases), announces the run's end when it is entered again: at least once, never zero — and only once
/// when nothing failed.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunEndAnnouncementTests
{
    [Fact]
    public async Task A_Finalize_entered_again_after_a_store_error_among_its_releases_announces_the_run_once()
    {
        var (h, services, metrics) = Harness();
        var driver = new StateMachineDriver(services);
        await driver.DriveAsync((await h.Starter.ApplyAsync(Spec(h, "app.example.com"))).RunId);
        // The tree moves to another name: Finalize gives back the old name's claim, which meets a DynamoDB error after the
        // run was marked SUCCEEDED, and the state machine's Retry enters Finalize again.
        var started = await h.Starter.ApplyAsync(Spec(h, "app2.example.com"), force: true);
        h.Store.FailNextRelease(h.Zone.Id, "app.example.com", "A", new HttpRequestException("connection reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => driver.DriveAsync(started.RunId, force: true));

        Assert.Equal("SUCCEEDED", (await new FinalizeStep(services).RunAsync(started.RunId)).Status);
        Assert.Equal("SUCCEEDED", (await new FinalizeStep(services).RunAsync(started.RunId)).Status);

        Assert.Single(await EventsAsync(h, "Run Succeeded"), e => e.RunId == started.RunId);
        Assert.Equal(2, RunEndLines(metrics, "Succeeded"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
    }

    [Fact]
    public async Task A_Rollback_entered_for_a_run_Finalize_marked_and_failed_on_announces_its_success()
    {
        var (h, services, metrics) = Harness();
        var driver = new StateMachineDriver(services);
        await driver.DriveAsync((await h.Starter.ApplyAsync(Spec(h, "app.example.com"))).RunId);
        var started = await h.Starter.ApplyAsync(Spec(h, "app2.example.com"), force: true);
        h.Store.FailNextRelease(h.Zone.Id, "app.example.com", "A", new HttpRequestException("connection reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => driver.DriveAsync(started.RunId, force: true));

        // Finalize's retries spent, its Catch sends the run to Rollback.
        var caught = new CaughtError { Error = "TransientFailure", Cause = "connection reset" };
        await new RollbackStep(services).RunAsync(started.RunId, caught);

        Assert.Single(await EventsAsync(h, "Run Succeeded"), e => e.RunId == started.RunId);
        Assert.Equal(2, RunEndLines(metrics, "Succeeded"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
        Assert.Null(await h.Store.GetLockAsync("www"));
    }

    [Fact]
    public async Task A_Rollback_entered_again_after_a_store_error_among_its_releases_announces_the_rollback_once()
    {
        var (h, services, metrics) = Harness();
        var started = await h.Starter.ApplyAsync(Spec(h, "app.example.com"));
        // Another tool writes a simple A record at the name: Route 53 refuses the weighted ones beside it (one routing policy
        // per name and type) and the first run rolls back; giving back its claim meets a DynamoDB error after the run was
        // marked ROLLED_BACK, and the state machine's Retry enters Rollback again.
        var foreign = new ResourceRecordSet { Name = "app.example.com", Type = "A", Ttl = 300, ResourceRecords = ["192.0.2.99"] };
        h.Store.FailNextRelease(h.Zone.Id, "app.example.com", "A", new HttpRequestException("connection reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => new StateMachineDriver(services).DriveWithRollbackAsync(started.RunId,
            beforeStep: cursor => cursor.Step == LayerSteps.LeafRecords
                ? h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]))
                : Task.CompletedTask));

        var caught = new CaughtError { Error = "InvalidChangeBatch", Cause = "refused" };
        Assert.Equal("ROLLED_BACK", (await new RollbackStep(services).RunAsync(started.RunId, caught)).Status);
        Assert.Equal("ROLLED_BACK", (await new RollbackStep(services).RunAsync(started.RunId, caught)).Status);

        Assert.Single(await EventsAsync(h, "Run Rolled Back"), e => e.RunId == started.RunId);
        Assert.Equal(1, RunEndLines(metrics, "RolledBack"));
        Assert.Null(await h.Store.GetRecordNameOwnerAsync(h.Zone.Id, "app.example.com", "A"));
    }

    [Fact]
    public async Task An_Abandon_entered_again_after_a_store_error_releasing_the_lock_announces_the_failed_rollback_once()
    {
        var (h, services, metrics) = Harness();
        var started = await h.Starter.ApplyAsync(Spec(h, "app.example.com"));
        var caught = new CaughtError { Error = "InvalidChangeBatch", Cause = "refused" };
        var rollbackError = new CaughtError { Error = "TransientFailure", Cause = "throttled" };
        // The rollback failed too; AbandonRun marks the run FAILED, and releasing the lock meets a DynamoDB error.
        h.Store.FailNextLockRelease(new HttpRequestException("connection reset"));
        await Assert.ThrowsAsync<HttpRequestException>(() => new RollbackStep(services).AbandonAsync(started.RunId, caught, rollbackError));

        await new RollbackStep(services).AbandonAsync(started.RunId, caught, rollbackError);
        await new RollbackStep(services).AbandonAsync(started.RunId, caught, rollbackError);

        Assert.Single(await EventsAsync(h, "Run Failed"), e => e.RunId == started.RunId);
        Assert.Equal(1, RunEndLines(metrics, "RollbackFailed"));
        Assert.Null(await h.Store.GetLockAsync("www"));
    }

    private static (ServiceHarness H, WorkflowServices Services, StringWriter Metrics) Harness()
    {
        var h = new ServiceHarness();
        var metrics = new StringWriter();
        var services = h.Services with
        {
            Events = new TreeEvents(NoEventBus.Instance, h.Time) { Timeline = h.Store },
            Metrics = new RunMetrics(metrics, h.Time),
        };
        return (h, services, metrics);
    }

    private static async Task<List<Failover.Service.Progress.TreeEventRecord>> EventsAsync(ServiceHarness h, string detailType) =>
        [.. (await h.Store.ListTreeEventsAsync("www", 50)).Where(e => e.DetailType == detailType)];

    private static int RunEndLines(StringWriter metrics, string outcome) =>
        metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Count(l => l.TryGetProperty("Runs", out _) && l.GetProperty("Outcome").GetString() == outcome);

    /// <summary>A weighted pair of tree "www" at <paramref name="recordName"/>.</summary>
    private static TreeSpec Spec(ServiceHarness h, string recordName)
    {
        var json = $$"""
            {
              "name": "www", "hostedZoneId": "{{h.Zone.Id}}", "zoneName": "example.com", "recordName": "{{recordName}}",
              "recordType": "A", "ttl": 60,
              "root": { "id": "app", "routing": "weighted", "children": [
                { "id": "web-a", "weight": 50, "endpoint": { "values": ["192.0.2.10"] } },
                { "id": "web-b", "weight": 50, "endpoint": { "values": ["192.0.2.11"] } } ] }
            }
            """;
        var loaded = SpecLoader.Load(json);
        return loaded.HasErrors ? throw new ArgumentException(string.Join("; ", loaded.Diagnostics)) : loaded.Spec!;
    }
}
