using System.Runtime.ExceptionServices;

namespace Failover.Service.Workflow;

/// <summary>
/// Runs the independent units of one layer — health checks to create or delete — a few at a time. One at a time, a
/// unit's round trips set the pace, not the account's rate: creating and tagging a check is two Route 53 requests and
/// a progress write, each waiting for the one before (the 2,000-leaf bench on a loaded local stack sent 1.5 requests a
/// second where the account allowed 10). With a few in flight the Route 53 client's rate limiter, shared by them, sets
/// the pace. Units of one layer never depend on each other (a CALCULATED check's children
/// are in an earlier layer: HealthCheckLayering), and each is safe to repeat, so their order does not matter.
/// </summary>
public static class LayerUnits
{
    /// <summary>Units in flight when the deployment does not say (WorkflowOptions.HealthCheckConcurrency).</summary>
    public const int DefaultConcurrency = 4;

    /// <summary>
    /// Runs <paramref name="units"/> with at most <paramref name="concurrency"/> in flight. A unit starts only while
    /// the <paramref name="budget"/> is not spent (the first one always starts). When a unit fails, no further unit
    /// starts, the ones in flight finish (their writes are recorded, so nothing is left half-known), and the first
    /// failure is thrown as it was.
    /// </summary>
    /// <returns>How many units ran: all of them, or fewer when the budget ran out.</returns>
    public static async Task<int> RunAsync<T>(IReadOnlyList<T> units, int concurrency, StepBudget budget,
        Func<T, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var inFlight = new List<Task>(concurrency);
        ExceptionDispatchInfo? failure = null;
        var started = 0;
        var finished = 0;
        while (true)
        {
            while (failure is null && started < units.Count && inFlight.Count < concurrency && !budget.Spent)
            {
                budget.Start();
                var unit = units[started++];
                inFlight.Add(Task.Run(async () =>
                {
                    await run(unit, cancellationToken).ConfigureAwait(false);
                    budget.Count();
                }, cancellationToken));
            }
            if (inFlight.Count == 0) break;
            var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
            inFlight.Remove(done);
            if (done.Exception is { } error) failure ??= ExceptionDispatchInfo.Capture(error.InnerExceptions[0]);
            else if (done.IsCanceled) failure ??= ExceptionDispatchInfo.Capture(new OperationCanceledException(cancellationToken));
            else finished++;
        }
        failure?.Throw();
        return finished;
    }
}
