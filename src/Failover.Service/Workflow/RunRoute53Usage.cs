using Failover.Service.Ports.Route53;

namespace Failover.Service.Workflow;

/// <summary>
/// Adds up the Route 53 requests and throttles of a run's steps on the run's progress item, so the run's end can publish
/// them as one figure per run (<see cref="Metrics.RunMetrics.RunEnded"/>): each step is an invocation of its own, in a
/// process of its own, and only the item outlives it.
/// </summary>
public static class RunRoute53Usage
{
    /// <summary>
    /// Adds what the step counted (one UpdateItem, none for a step that sent no Route 53 request). A failed write loses a
    /// figure, not progress: the step's work is done, so the failure is not the step's.
    /// </summary>
    public static async Task SaveAsync(WorkflowServices services, string runId, Route53Usage usage, CancellationToken cancellationToken)
    {
        if (usage.Requests == 0) return;
        try
        {
            await services.Store.AddRunRoute53UsageAsync(runId, usage.Requests, usage.Throttles, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run's totals miss this step's requests.
        }
    }
}
