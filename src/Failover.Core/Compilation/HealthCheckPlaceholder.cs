using Failover.Core.Route53;

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
        if (healthCheckId is null || !healthCheckId.StartsWith(Start, StringComparison.Ordinal)
            || !healthCheckId.EndsWith(End, StringComparison.Ordinal))
            return false;
        nodeId = healthCheckId[Start.Length..^End.Length];
        return nodeId.Length > 0;
    }

    /// <summary>The node id inside a placeholder, as characters of the placeholder (no new string).</summary>
    public static bool TryGetNodeIdChars(string? healthCheckId, out ReadOnlySpan<char> nodeId)
    {
        nodeId = default;
        if (healthCheckId is null || !healthCheckId.StartsWith(Start, StringComparison.Ordinal)
            || !healthCheckId.EndsWith(End, StringComparison.Ordinal))
            return false;
        nodeId = healthCheckId.AsSpan(Start.Length, healthCheckId.Length - Start.Length - End.Length);
        return nodeId.Length > 0;
    }

    /// <summary>
    /// The record with its placeholder replaced by the id the health-checks layer got for that node; records without
    /// a placeholder come back as they are. A placeholder with no id means the layers ran out of order: that throws.
    /// </summary>
    public static ResourceRecordSet Resolve(ResourceRecordSet record, IReadOnlyDictionary<string, string> healthCheckIdsByNode)
    {
        if (!TryGetNodeId(record.HealthCheckId, out var nodeId)) return record;
        return healthCheckIdsByNode.TryGetValue(nodeId, out var id)
            ? record with { HealthCheckId = id }
            : throw new InvalidOperationException($"{record.Key} refers to the health check of node '{nodeId}', which has no id yet: " +
                $"apply the health-checks layer first");
    }
}
