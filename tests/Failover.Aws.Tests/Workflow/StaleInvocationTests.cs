using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// Fencing: a step checks its lease before every write, not only when it starts. An invocation that stalls after its
/// start-of-step check (a paused function, a long retry) until its lock expires and another run takes the tree over
/// must stop before its next write to Route 53.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class StaleInvocationTests(MotoFixture moto)
{
    [Fact]
    public async Task A_layer_whose_lock_was_taken_over_while_it_read_the_zone_writes_nothing()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var started = await harness.Starter.ApplyAsync(harness.Spec(tree), force: true);
        var changes = 0;
        var tookOver = 0;
        var outcome = await Assert.ThrowsAsync<WorkflowStepException>(() => harness.DriveAsync(started.RunId, force: true, async cursor =>
        {
            if (cursor.Step != LayerSteps.LeafRecords) return;
            // The layer's zone read is the last request before its first batch: there, the run stalls past its lock's
            // expiry and another run takes the tree over.
            harness.Route53Requests.BeforeSend = async request =>
            {
                if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/rrset", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref changes);
                    return;
                }
                if (request.Method != HttpMethod.Get || !request.RequestUri!.AbsolutePath.EndsWith("/rrset", StringComparison.Ordinal)
                    || Interlocked.Exchange(ref tookOver, 1) == 1) return;
                harness.Time.Advance(new WorkflowOptions().LockTtl + TimeSpan.FromSeconds(1));
                Assert.True((await harness.Store.AcquireLockAsync(tree, "intruder-run", new WorkflowOptions().LockTtl)).Acquired);
            };
            await Task.CompletedTask;
        }));

        harness.Route53Requests.BeforeSend = null;
        Assert.Equal(WorkflowErrors.LockLost, outcome.ErrorName);
        Assert.Equal(1, tookOver);
        Assert.Equal(0, changes);
        Assert.DoesNotContain(await harness.ZoneRecordsAsync(), record => record.Name.StartsWith(tree + ".", StringComparison.Ordinal)
            || record.Name.Contains("." + tree + ".", StringComparison.Ordinal));
        Assert.Equal("intruder-run", (await harness.Store.GetLockAsync(tree))!.Owner);
    }
}
