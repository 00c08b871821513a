namespace Failover.Core.Diagram;

/// <summary>Where a node stands in an apply run.</summary>
public enum RunProgress
{
    Pending,
    InProgress,
    Done,
    Failed,
}

/// <summary>How the zone differs from what the tree wants for a node's record.</summary>
public enum DriftState
{
    Missing,
    Changed,
}

/// <summary>The status of a node's health check (or target health) as last read.</summary>
public enum HealthState
{
    Healthy,
    Unhealthy,
}

/// <summary>What is known about one node; each part is optional.</summary>
public sealed record NodeOverlay(RunProgress? Progress = null, DriftState? Drift = null, HealthState? Health = null);

/// <summary>
/// Per-node state drawn over the tree: the fill shows run progress (or, without progress, health) and a dashed coloured
/// border shows drift. Nodes missing from <see cref="Nodes"/> are drawn plain; ids that are not in the tree are ignored.
/// </summary>
public sealed record DiagramOverlay(IReadOnlyDictionary<string, NodeOverlay> Nodes);
