using Failover.Core.Route53;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// A function that dies between claiming the records of a batch and learning whether Route 53 took it leaves the claim
/// pending: whoever acts on the tree next settles it against the zone. A record someone else wrote there never becomes
/// the tree's (its rollback leaves it alone); a record the dead function's batch did write is the tree's.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PendingOwnershipTests(MotoFixture moto)
{
    [Fact]
    public async Task A_rollback_after_a_crash_before_the_change_leaves_the_record_someone_else_wrote_there()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var before = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree));
        var foreign = new ResourceRecordSet
        {
            Name = $"{tree}.{harness.ZoneName}", Type = "A", SetIdentifier = "pool", Failover = "PRIMARY", Ttl = 60,
            ResourceRecords = ["203.0.113.7"],
        };
        var pendingAtCrash = new Dictionary<RecordKey, string>();

        // At the alias level's batch: its claims are written; someone else writes one of its records; the function dies.
        await Assert.ThrowsAsync<FunctionKilledException>(() => harness.DriveAsync(started.RunId, beforeStep: cursor =>
        {
            if (cursor.Step != LayerSteps.AliasLevel) return Task.CompletedTask;
            harness.Route53Requests.BeforeSend = async request =>
            {
                if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/rrset",
                        StringComparison.Ordinal)) return;
                harness.Route53Requests.BeforeSend = null;
                foreach (var (key, text) in await harness.Store.GetPendingOwnedRecordsAsync(tree)) pendingAtCrash[key] = text;
                await harness.Route53.ChangeResourceRecordSetsAsync(harness.Zone.Id,
                    new ChangeBatch([new RecordChange(ChangeAction.Create, foreign)]));
                throw new FunctionKilledException();
            };
            return Task.CompletedTask;
        }));
        var outcome = await new RollbackStep(harness.Services).RunAsync(started.RunId, new CaughtError
        {
            Error = "Runtime.ExitError", Cause = """{"errorType":"Runtime.ExitError","errorMessage":"signal: killed"}""",
        });

        Assert.Contains(foreign.Key with { Zone = harness.Zone.Id }, pendingAtCrash.Keys);
        Assert.Equal("ROLLED_BACK", outcome.Status);
        Assert.Equal(before.Append(WorkflowHarness.Describe(foreign)).Order(),
            (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.Empty(await harness.Store.GetOwnedRecordsAsync(tree));
        Assert.Empty(await harness.Store.GetPendingOwnedRecordsAsync(tree));
    }

    [Fact]
    public async Task A_batch_that_landed_before_the_crash_is_the_trees_and_the_run_resumes_and_tears_down_cleanly()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var before = (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order().ToList();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree), force: true);
        var pendingAtCrash = 0;

        // The alias level's batch reaches Route 53 and is applied; the function dies before it reads the answer.
        await Assert.ThrowsAsync<FunctionKilledException>(() => harness.DriveAsync(started.RunId, force: true, beforeStep: cursor =>
        {
            if (cursor.Step != LayerSteps.AliasLevel) return Task.CompletedTask;
            harness.Route53Requests.BeforeSend = async request =>
            {
                if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/rrset",
                        StringComparison.Ordinal)) return;
                harness.Route53Requests.BeforeSend = null;
                pendingAtCrash = (await harness.Store.GetPendingOwnedRecordsAsync(tree)).Count;
                // Straight to the handler: the client already counts this message as sent.
                using var transport = new HttpMessageInvoker(new SocketsHttpHandler());
                using var applied = await transport.SendAsync(request, CancellationToken.None);
                Assert.True(applied.IsSuccessStatusCode);
                throw new FunctionKilledException();
            };
            return Task.CompletedTask;
        }));
        // Step Functions retries: the run plans and applies again from the zone as it is.
        var resumed = await harness.DriveAsync(started.RunId, force: true);
        var owned = await harness.Store.GetOwnedRecordsAsync(tree);
        var teardown = await harness.Starter.TeardownAsync(tree);
        var tornDown = await harness.DriveAsync(teardown.RunId);

        Assert.True(pendingAtCrash > 0);
        Assert.Equal(("SUCCEEDED", "SUCCEEDED"), (resumed.Status, tornDown.Status));
        Assert.Contains(new RecordKey($"{tree}.{harness.ZoneName}", "A", "pool") { Zone = harness.Zone.Id }, owned);
        Assert.Equal(before, (await harness.ZoneRecordsAsync()).Select(WorkflowHarness.Describe).Order());
        Assert.Empty(await harness.Store.GetOwnedRecordsAsync(tree));
        Assert.Equal(TreeStatus.Deleted, (await harness.Store.GetTreeAsync(tree))!.Status);
    }

    /// <summary>The function's process is gone: nothing after this point of it runs.</summary>
    private sealed class FunctionKilledException() : Exception("killed");
}
