using Failover.Core.Diagram;

namespace Failover.Core.Health;

/// <summary>
/// Route 53's verdict on a health check from its checkers' latest observations (GetHealthCheckStatus): a check is
/// healthy when more than 18% of the checkers report it healthy, and a checker reports healthy with a status that
/// starts with "Success" (the others start with "Failure", or say the check is not yet reporting).
/// </summary>
public static class CheckerVerdict
{
    /// <summary>Route 53's threshold, in percent of checkers that must see the endpoint healthy (strictly more than).</summary>
    public const int HealthyPercentThreshold = 18;

    /// <summary>Null when there is no observation with a status: nothing is known yet.</summary>
    public static HealthState? Of(IEnumerable<string?> statuses)
    {
        var (healthy, total) = (0, 0);
        foreach (var status in statuses)
        {
            if (status is null) continue;
            total++;
            if (IsHealthy(status)) healthy++;
        }
        if (total == 0) return null;
        return healthy * 100 > HealthyPercentThreshold * total ? HealthState.Healthy : HealthState.Unhealthy;
    }

    public static bool IsHealthy(string status) => status.StartsWith("Success", StringComparison.Ordinal);
}
