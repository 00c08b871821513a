using System.Text;
using Failover.Core.Diagram;
using Failover.Core.Health;
using Failover.Functions.Handlers.Health;
using Failover.Local.Lambda;

namespace Failover.Local.Health;

/// <summary>
/// Plays, on the local stack, the CloudWatch alarm on a health check's <c>HealthCheckStatus</c> and the EventBridge rule
/// that sends its state changes to the <c>AnswerWatcher</c> function: when <c>/_local/health-status</c> changes what a
/// check's checkers report from healthy to failing or back, the function gets the alarm's "Alarm State Change" event,
/// once. A change that keeps the verdict (one failure message for another) is no state change, as for the alarm.
/// </summary>
public sealed class HealthStatusRule(ILambdaInvoker functions)
{
    /// <summary>Invokes the watcher if the verdict changed; returns its answer (JSON), or null when nothing changed.</summary>
    public async Task<string?> StatusChangedAsync(string healthCheckId, string? before, string? after, CancellationToken cancellationToken)
    {
        // No status set: moto's answer, "Success".
        var wasHealthy = before is null || CheckerVerdict.IsHealthy(before);
        var isHealthy = after is null || CheckerVerdict.IsHealthy(after);
        if (wasHealthy == isHealthy) return null;
        var payload = AlarmStateChange.EventFor(healthCheckId, isHealthy ? HealthState.Healthy : HealthState.Unhealthy);
        var result = await functions.InvokeAsync(AnswerWatcherHandlers.Name, Encoding.UTF8.GetBytes(payload), cancellationToken);
        return Encoding.UTF8.GetString(result.Payload.Span);
    }
}
