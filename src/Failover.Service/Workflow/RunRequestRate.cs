using Failover.Service.Ports.Route53;

namespace Failover.Service.Workflow;

/// <summary>
/// Carries the Route 53 request rate a run's functions learn (<see cref="IRequestRate"/>) from one step to the next.
/// </summary>
/// <remarks>
/// Through the run's progress item rather than a budget split between functions: a run's steps run one at a time, each
/// in a Lambda function of its own (a process of its own, cold or warm from another run), so what one step learned —
/// the account allows 10/s, or another tool is busy and 3/s is what is left — is lost at its end unless it is kept
/// somewhere every step reads. A budget handed out in advance would need the limit the rate is trying to find. The
/// step reads the item once (one GetItem) and writes the one attribute only when its rate moved by more than
/// <see cref="SignificantChange"/>: a few writes per run, never one per request.
/// </remarks>
public static class RunRequestRate
{
    /// <summary>A relative change below this is not worth a write.</summary>
    public const double SignificantChange = 0.1;

    /// <summary>Continues from the rate the run's last step ended with; answers the rate this step starts at.</summary>
    public static async Task<double?> ResumeAsync(WorkflowServices services, string runId, CancellationToken cancellationToken)
    {
        if (services.Route53Rate is not { } rate) return null;
        var run = await services.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run?.Route53RequestsPerSecond is { } learned) rate.Resume(learned);
        return rate.RequestsPerSecond;
    }

    /// <summary>
    /// Keeps the rate the step ended with if it moved. A failed write loses a hint, not progress: the step's work is done,
    /// so the failure is not the step's.
    /// </summary>
    public static async Task SaveAsync(WorkflowServices services, string runId, double? startedAt, CancellationToken cancellationToken)
    {
        if (services.Route53Rate is not { } rate || startedAt is not { } before) return;
        var now = rate.RequestsPerSecond;
        if (Math.Abs(now - before) <= before * SignificantChange) return;
        try
        {
            await services.Store.SetRunRequestRateAsync(runId, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next step starts from its own process's rate instead.
        }
    }
}
