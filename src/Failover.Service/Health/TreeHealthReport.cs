using Failover.Core.Contracts;
using Failover.Core.Diagram;
using Failover.Core.Health;
using Failover.Service.Ports;

namespace Failover.Service.Health;

/// <summary>
/// What Route 53's checkers observe for each health-checked endpoint, as <c>GET /trees/{name}/health</c> answers it and
/// <c>failover health NAME</c> prints it on either path: one verdict per endpoint from its checkers' statuses.
/// </summary>
public static class TreeHealthReport
{
    public static TreeHealthResource Of(string tree, int version, DateTimeOffset observedAt, IReadOnlyList<CheckStatuses> checks)
    {
        var nodes = checks.OrderBy(c => c.NodeId, StringComparer.Ordinal).Select(check =>
        {
            var reported = check.Statuses.OfType<string>().ToList();
            var verdict = CheckerVerdict.Of(reported) switch
            {
                HealthState.Healthy => "healthy",
                HealthState.Unhealthy => "unhealthy",
                _ => "unknown",
            };
            var statuses = reported.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new NodeHealthResource(
                check.NodeId, check.HealthCheckId, verdict, reported.Count, reported.Count(CheckerVerdict.IsHealthy), statuses);
        }).ToList();
        return new TreeHealthResource(tree, version, Timestamps.Format(observedAt), nodes);
    }
}
