namespace Failover.Core.Compilation;

/// <summary>
/// The stand-in for a health check id that does not exist yet: <c>{{healthcheck:&lt;nodeId&gt;}}</c>. Records carry it until
/// the health-checks layer has run; the applier then swaps in the id Route 53 returned.
/// </summary>
public static class HealthCheckPlaceholder
{
    private const string Start = "{{healthcheck:";
    private const string End = "}}";

    public static string For(string nodeId) => Start + nodeId + End;

    public static bool IsPlaceholder(string? healthCheckId) => TryGetNodeId(healthCheckId, out _);

    /// <summary>The node id inside a placeholder; false for a real health check id.</summary>
    public static bool TryGetNodeId(string? healthCheckId, out string nodeId)
    {
        nodeId = "";
        if (healthCheckId is null || !healthCheckId.StartsWith(Start, StringComparison.Ordinal) || !healthCheckId.EndsWith(End, StringComparison.Ordinal))
            return false;
        nodeId = healthCheckId[Start.Length..^End.Length];
        return nodeId.Length > 0;
    }
}
