using System.Text.Json;
using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;

namespace Failover.Testing.Workflow;

/// <summary>
/// Plays the state machine's part for tests that drive the workflow's steps in process (on moto or on the ports held
/// in memory): it follows each step's cursor to the next, as src/StateMachine's definition does, and sends a failed
/// step to Rollback with what its Catch would pass.
/// </summary>
public sealed class StateMachineDriver(WorkflowServices services)
{
    /// <summary>Layer steps entered, in order (state names).</summary>
    public List<string> StatesEntered { get; } = [];

    /// <summary>Runs the steps from Plan to Finalize, calling <paramref name="beforeStep"/> before each layer step.</summary>
    public async Task<RunOutcome> DriveAsync(string runId, bool force = false, Func<WorkflowCursor, Task>? beforeStep = null)
    {
        var cursor = await new PlanTreeStep(services).RunAsync(runId, force);
        while (true)
        {
            StatesEntered.Add(cursor.Step);
            if (beforeStep is not null) await beforeStep(cursor);
            cursor = cursor.Step switch
            {
                // The state machine's prerequisite and clean-up states share one function, as in the definition.
                LayerSteps.HealthChecks or LayerSteps.HealthCheckCleanup or LayerSteps.HealthCheckAlarms
                    or LayerSteps.CidrCollections or LayerSteps.CidrCollectionCleanup =>
                    await new ApplyHealthChecksStep(services).RunAsync(runId, cursor.Layer),
                LayerSteps.LeafRecords or LayerSteps.AliasLevel or LayerSteps.DeleteRecords =>
                    await new ApplyRecordLayerStep(services).RunAsync(runId, cursor.Layer),
                LayerSteps.CheckChange or LayerSteps.WaitForSync => await new CheckChangeStep(services).RunAsync(runId, cursor),
                LayerSteps.Finalize => null!,
                var other => throw new InvalidOperationException($"unknown step {other}"),
            };
            if (cursor is null) return await new FinalizeStep(services).RunAsync(runId);
        }
    }

    /// <summary>
    /// Drives a run; a step that fails for good goes to Rollback under the error name its function reports (the
    /// step's own name, else the exception's type, as the Lambda host names it). A retryable failure is thrown: the
    /// definition's Retry would run the step again, which is the test's to do.
    /// </summary>
    public async Task<RunOutcome> DriveWithRollbackAsync(string runId, bool force = false, Func<WorkflowCursor, Task>? beforeStep = null)
    {
        try
        {
            return await DriveAsync(runId, force, beforeStep);
        }
        catch (Exception e) when (WorkflowStepException.Classify(e) is not { IsRetryable: true })
        {
            var name = WorkflowStepException.Classify(e)?.ErrorName ?? e.GetType().Name;
            var message = JsonEncodedText.Encode(e.Message);
            var caught = new CaughtError { Error = name, Cause = $$"""{"errorType":"{{name}}","errorMessage":"{{message}}"}""" };
            // RollbackDone: a rollback that ran out of its budget answers RUNNING and is entered again.
            while (true)
            {
                StatesEntered.Add("Rollback");
                var outcome = await new RollbackStep(services).RunAsync(runId, caught);
                if (outcome.Status != "RUNNING") return outcome;
            }
        }
    }
}
