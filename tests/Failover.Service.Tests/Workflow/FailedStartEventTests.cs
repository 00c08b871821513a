using System.Net;
using Failover.Service.Events;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>
/// A start whose StartExecution went through although the start failed (its answer lost and the resend refused as
/// ExecutionAlreadyExists once the execution had ended, or the execution's ARN not recorded): the run ended on its own,
/// and the start's failure must not announce a "Run Failed" for it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FailedStartEventTests
{
    [Fact]
    public async Task A_start_that_failed_after_its_run_ended_announces_no_run_failure()
    {
        var h = new ServiceHarness();
        const string arn = "arn:aws:states:us-east-1:123456789012:stateMachine:p";
        var starter = new RunStarter(h.Store, new EndedBeforeAnswered(h.Store), arn, h.Time)
        {
            Events = new TreeEvents(NoEventBus.Instance, h.Time) { Timeline = h.Store },
        };

        await Assert.ThrowsAsync<AwsServiceException>(() => starter.ApplyAsync(h.Spec()));

        var run = (await h.Store.ListRunsAsync("www")).Single();
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.DoesNotContain(await h.Store.ListTreeEventsAsync("www", 50), e => e.DetailType == "Run Failed");
    }

    /// <summary>The execution runs to its end before the start hears anything; then the start's call fails.</summary>
    private sealed class EndedBeforeAnswered(Failover.Service.Ports.Store.IProgressStore store) : IExecutions
    {
        public async Task<string> StartAsync(string stateMachineArn, string input, string name,
            CancellationToken cancellationToken = default)
        {
            await store.SetRunStatusAsync(name, RunStatus.Succeeded, cancellationToken: cancellationToken);
            throw new AwsServiceException("ExecutionAlreadyExists", "Execution Already Exists", HttpStatusCode.BadRequest, null,
                isRetryable: false);
        }
    }
}
