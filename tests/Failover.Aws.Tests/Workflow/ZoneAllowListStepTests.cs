using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;
using Failover.Service.Zones;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// Every step that writes checks the deployment's hosted-zone allow-list itself, before its first Route 53 call: IAM and
/// the API are not the only guards between a run and a zone it must not touch.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ZoneAllowListStepTests(MotoFixture moto)
{
    private static WorkflowServices Elsewhere(WorkflowHarness harness) =>
        harness.Services with { AllowedZones = new ZoneAllowList(["ZSOMEOTHERZONE"]) };

    [Fact]
    public async Task Plan_refuses_a_tree_outside_the_allow_list_before_reading_or_writing_Route_53()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var started = await harness.Starter.ApplyAsync(harness.Spec(WorkflowHarness.NewTreeName()));
        var before = harness.Route53Requests.Count;

        var refused = await Assert.ThrowsAsync<WorkflowStepException>(() =>
            new PlanTreeStep(Elsewhere(harness)).RunAsync(started.RunId, force: false));

        Assert.Equal(WorkflowErrors.ZoneNotAllowed, refused.ErrorName);
        Assert.Contains($"hosted zone {harness.Zone.Id}", refused.Message);
        Assert.Contains("not one this service may change", refused.Message);
        Assert.Equal(before, harness.Route53Requests.Count);
        Assert.Null(await harness.Store.GetPlanAsync(started.RunId));
    }

    [Fact]
    public async Task Each_layer_step_refuses_a_stored_plan_whose_zone_is_not_allowed()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var started = await harness.Starter.ApplyAsync(harness.Spec(WorkflowHarness.NewTreeName()));
        var first = await new PlanTreeStep(harness.Services).RunAsync(started.RunId, force: false);
        var zoneBefore = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        var before = harness.Route53Requests.Count;
        var elsewhere = Elsewhere(harness);

        var checks = await Assert.ThrowsAsync<WorkflowStepException>(() =>
            new ApplyHealthChecksStep(elsewhere).RunAsync(started.RunId, first.Layer));
        var records = await Assert.ThrowsAsync<WorkflowStepException>(() =>
            new ApplyRecordLayerStep(elsewhere).RunAsync(started.RunId, first.Layer + 1));

        Assert.Equal(WorkflowErrors.ZoneNotAllowed, checks.ErrorName);
        Assert.Equal(WorkflowErrors.ZoneNotAllowed, records.ErrorName);
        Assert.Equal(before, harness.Route53Requests.Count);
        Assert.Equal(zoneBefore, (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.All(await harness.Store.ListNodesAsync(started.RunId), n => Assert.Equal(NodeStatus.Pending, n.Status));
    }

    [Fact]
    public async Task Rollback_refuses_to_write_in_a_zone_not_allowed_and_the_run_is_abandoned_as_it_is()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree));
        var cursor = await new PlanTreeStep(harness.Services).RunAsync(started.RunId, force: false);
        cursor = await new ApplyHealthChecksStep(harness.Services).RunAsync(started.RunId, cursor.Layer);
        await new ApplyRecordLayerStep(harness.Services).RunAsync(started.RunId, cursor.Layer);
        var zoneBefore = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        var checksBefore = (await harness.HealthChecksOfAsync(tree)).Count;
        var before = harness.Route53Requests.Count;
        var caught = new CaughtError { Error = WorkflowErrors.SyncTimeout, Cause = "injected" };

        var refused = await Assert.ThrowsAsync<WorkflowStepException>(() =>
            new RollbackStep(Elsewhere(harness)).RunAsync(started.RunId, caught));
        Assert.Equal(WorkflowErrors.ZoneNotAllowed, refused.ErrorName);
        Assert.Equal(before, harness.Route53Requests.Count);
        Assert.Equal(zoneBefore, (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.Equal(checksBefore, (await harness.HealthChecksOfAsync(tree)).Count);

        // The definition's Catch on Rollback goes to AbandonRun: the run ends FAILED with both causes and the lock is freed.
        var abandoned = await new RollbackStep(Elsewhere(harness)).AbandonAsync(started.RunId, caught,
            new CaughtError { Error = refused.ErrorName, Cause = refused.Message });
        Assert.Equal("FAILED", abandoned.Status);
        Assert.Contains(WorkflowErrors.ZoneNotAllowed, abandoned.Cause);
        Assert.Null(await harness.Store.GetLockAsync(tree));
    }

    [Fact]
    public async Task A_plan_run_in_process_checks_the_zone_before_its_first_write()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var plan = new Failover.Core.Planning.Plan("t", harness.Zone.Id, []);

        var refused = await Assert.ThrowsAsync<WorkflowStepException>(() =>
            new PlanRunner(Elsewhere(harness)).RunAsync(plan, CancellationToken.None));

        Assert.Equal(WorkflowErrors.ZoneNotAllowed, refused.ErrorName);
    }
}
