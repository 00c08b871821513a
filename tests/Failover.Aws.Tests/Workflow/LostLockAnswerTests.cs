using Failover.Aws.Tests.Progress;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Store;
using Failover.Testing.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// A start that takes over an expired lock marks the run it took it from failed (that run was stopped or died, and
/// nothing else ends it). When DynamoDB applies the lock's write and loses the answer, the SDK's resend finds the lock
/// already this run's, and the store cannot tell whose lock it replaced: the abandoned run must still not stay RUNNING.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LostLockAnswerTests(MotoFixture moto)
{
    [Theory]
    [InlineData(LostAnswer.Dropped)]
    [InlineData(LostAnswer.ServerError)]
    public async Task A_takeover_whose_lock_answer_was_lost_still_marks_the_abandoned_run_failed(LostAnswer kind)
    {
        var faults = new LostAnswerHandler();
        var client = faults.Client(moto.Url);
        var table = "progress-" + Guid.NewGuid().ToString("N")[..12];
        await ProgressTable.CreateAsync(client, table);
        var time = new FakeTimeProvider(ProgressTestStores.Start);
        var store = new ProgressStore(client, table, time);
        var starter = new RunStarter(store, new NamedExecutions(), "arn:aws:states:us-east-1:123456789012:stateMachine:p", time);
        var spec = WorkflowTrees.FailoverPool("shop", "Z123EXAMPLE", "example.com");
        var abandoned = await starter.ApplyAsync(spec);

        // Its execution was stopped: nothing renews the lock, which expires. The next start's name claim and lock are
        // both applied and their answers lost.
        time.Advance(new WorkflowOptions().LockTtl);
        faults.Arm("PutItem", kind, times: 2);
        var next = await starter.ApplyAsync(spec);

        Assert.Equal(2, faults.Fired);
        Assert.Equal(next.RunId, (await store.GetLockAsync("shop"))!.Owner);
        var old = await store.GetRunAsync(abandoned.RunId);
        Assert.Equal(RunStatus.Failed, old!.Status);
        Assert.Contains($"run {next.RunId} took tree 'shop' over", old.Error);
    }

    private sealed class NamedExecutions : IExecutions
    {
        public Task<string> StartAsync(string stateMachineArn, string input, string name, CancellationToken cancellationToken = default) =>
            Task.FromResult(stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name);
    }
}
