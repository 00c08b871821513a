using Failover.Service.Ports.Route53;
using Failover.Service.Ports.Store;

namespace Failover.Service.Workflow;

/// <summary>
/// Carries the Route 53 request rate a run's functions learn (<see cref="IRequestRate"/>) and the state of the client's
/// per-operation buckets (<see cref="IOperationBuckets"/>) from one step to the next, and adds each step's Route 53
/// requests and throttles to the run's totals.
/// </summary>
/// <remarks>
/// Through the run's progress item rather than a budget split between functions: a run's steps run one at a time, each
/// in a Lambda function of its own (a process of its own, cold or warm from another run), so what one step learned —
/// the account allows 10/s, or another tool is busy and 3/s is what is left — is lost at its end unless it is kept
/// somewhere every step reads. A budget handed out in advance would need the limit the rate is trying to find. The
/// same holds for Route 53's bucket per operation: a step that spent the 50 CreateHealthCheck tokens leaves Route 53's
/// bucket empty, and the next step's process, whose copy starts full, would send up to 50 creates into it and learn of
/// it from throttles. So a step keeps each copy it left spent or slowed (balance, rate, and when, by the injected clock)
/// and the next resumes from it, refilled for the time since (<see cref="OperationBucket.BalanceAt"/>). The step reads
/// the item once (one GetItem); it writes the rate only when it moved by more than <see cref="SignificantChange"/>, and
/// the buckets only when the step took tokens from them and something was or is kept: a few writes per run, never one
/// per request, none for a step that paced no request. A missing or unreadable state means full copies, as before.
/// </remarks>
public static class RunRequestRate
{
    /// <summary>A relative change below this is not worth a write.</summary>
    public const double SignificantChange = 0.1;

    /// <summary>What a step started from, for <see cref="SaveAsync"/> to tell whether anything moved.</summary>
    /// <param name="RequestsPerSecond">The rate the step started at; null when the client does not adapt it.</param>
    /// <param name="BucketsKept">Whether the run's item held a bucket state when the step began.</param>
    /// <param name="TakenAtStart">The copies' <see cref="IOperationBuckets.Taken"/> once resumed; null: no buckets.</param>
    public sealed record Start(double? RequestsPerSecond, bool BucketsKept = false, long? TakenAtStart = null);

    /// <summary>Continues from the rate and the buckets the run's last step ended with; answers where this step starts.</summary>
    public static async Task<Start> ResumeAsync(WorkflowServices services, string runId, CancellationToken cancellationToken)
    {
        var (rate, buckets) = (services.Route53Rate, services.Route53OperationBuckets);
        if (rate is null && buckets is null) return new Start(null);
        var run = await services.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (rate is not null && run?.Route53RequestsPerSecond is { } learned) rate.Resume(learned);
        var kept = run?.Route53OperationBuckets ?? [];
        buckets?.Resume(kept);
        return new Start(rate?.RequestsPerSecond, kept.Count > 0, buckets?.Taken);
    }

    /// <summary>
    /// Keeps what the step ended with, in one write (<see cref="RunStepEnd"/>): the rate if it moved, the buckets' state if
    /// the step took from them, and the Route 53 requests and throttles it counted (<paramref name="usage"/>), which the
    /// run's end publishes as one figure per run (<see cref="Metrics.RunMetrics.RunEnded"/>): each step is an invocation
    /// of its own, in a process of its own, and only the item outlives it. A step that changed none of them writes
    /// nothing. A failed write loses hints and figures, not progress: the step's work is done, so the failure is not the
    /// step's; the next step starts from the state kept before (or full copies, or its process's rate).
    /// </summary>
    public static async Task SaveAsync(
        WorkflowServices services, string runId, Start started, Route53Usage? usage, CancellationToken cancellationToken)
    {
        var counted = usage is { Requests: > 0 } ? usage : null;
        var end = new RunStepEnd(RateToKeep(services, started), BucketsToKeep(services, started), counted?.Requests ?? 0,
            counted?.Throttles ?? 0);
        if (end.IsEmpty) return;
        try
        {
            await services.Store.SaveRunStepEndAsync(runId, end, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Lost: see above.
        }
    }

    private static double? RateToKeep(WorkflowServices services, Start started)
    {
        if (services.Route53Rate is not { } rate || started.RequestsPerSecond is not { } before) return null;
        var now = rate.RequestsPerSecond;
        return Math.Abs(now - before) <= before * SignificantChange ? null : now;
    }

    private static IReadOnlyList<OperationBucket>? BucketsToKeep(WorkflowServices services, Start started)
    {
        if (services.Route53OperationBuckets is not { } buckets || started.TakenAtStart is not { } taken) return null;
        // No token taken: the copies only refilled, as the kept state (or none: full copies) already says.
        if (buckets.Taken == taken) return null;
        var now = buckets.Snapshot();
        // Full copies at both ends: nothing to keep and nothing to clear.
        return now.Count == 0 && !started.BucketsKept ? null : now;
    }
}
