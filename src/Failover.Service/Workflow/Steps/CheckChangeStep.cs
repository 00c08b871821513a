using System.Globalization;

namespace Failover.Service.Workflow.Steps;

/// <summary>
/// Asks Route 53 whether the run's changes are INSYNC (on every authoritative server). The state machine loops
/// CheckChange → WaitForSync → CheckChange until they are, or until the deadline the first check set, which fails the
/// run with <see cref="WorkflowErrors.SyncTimeout"/>. The poll interval comes from the step's settings, so the one
/// definition serves production and the local stack's fast tests.
/// </summary>
public sealed class CheckChangeStep(WorkflowServices services)
{
    public async Task<WorkflowCursor> RunAsync(string runId, WorkflowCursor cursor, CancellationToken cancellationToken = default)
    {
        var run = await RunContext.LoadRunningAsync(services, runId, cancellationToken).ConfigureAwait(false);
        await RunContext.RenewLockAsync(services, run, cancellationToken).ConfigureAwait(false);
        var now = services.Time.GetUtcNow();
        var deadline = cursor.SyncDeadline is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : now + services.Options.SyncTimeout;

        // Newest first: a zone's changes propagate in order, so while the newest is PENDING there is no point asking
        // about the older ones, and once it is INSYNC they usually are too (each costs one call to confirm).
        var nodes = await services.Store.ListNodesAsync(runId, cancellationToken).ConfigureAwait(false);
        var changes = nodes.Where(n => n.ChangeId is not null).OrderByDescending(n => n.UpdatedAt)
            .Select(n => n.ChangeId!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var changeId in changes)
        {
            var change = await services.Route53.GetChangeAsync(changeId, cancellationToken).ConfigureAwait(false);
            if (change.IsInSync) continue;
            if (now >= deadline)
                throw new WorkflowStepException(WorkflowErrors.SyncTimeout,
                    $"Route 53 change {changeId} was still {change.Status} after {services.Options.SyncTimeout.TotalSeconds:0} s; " +
                    "the records are written but not yet served by every Route 53 name server");
            return cursor with
            {
                Step = LayerSteps.WaitForSync,
                WaitSeconds = (int)services.Options.SyncPollInterval.TotalSeconds,
                SyncDeadline = deadline.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            };
        }
        // The first check set the deadline one timeout after it began waiting; a first check that found every change
        // INSYNC waited for nothing.
        var waited = cursor.SyncDeadline is null ? TimeSpan.Zero : now - (deadline - services.Options.SyncTimeout);
        services.Metrics.SyncWaited(run, waited);
        return cursor with { Step = LayerSteps.Finalize, WaitSeconds = null };
    }
}
