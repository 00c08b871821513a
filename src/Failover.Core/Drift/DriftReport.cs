namespace Failover.Core.Drift;

/// <summary>
/// How Route 53 differs from one version of a tree, as of one check. Items are in a fixed order (record items by
/// name, type and set identifier, then health check items by node), so two checks of the same zone compare equal.
/// </summary>
public sealed record DriftReport(string Tree, string HostedZoneId, string RecordName, IReadOnlyList<DriftItem> Items)
{
    /// <summary>The stored version the zone was compared with.</summary>
    public int? Version { get; init; }
    public DateTimeOffset? CheckedAt { get; init; }
    /// <summary>What was done about the drift; null when nothing was asked (policy <c>report</c>, or no drift).</summary>
    public DriftRepair? Repair { get; init; }

    /// <summary>The figure the <c>DriftedItems</c> metric carries and the alarm watches.</summary>
    public int DriftedItems => Items.Count;

    public bool HasDrift => Items.Count > 0;

    public IEnumerable<DriftItem> Of(DriftKind kind) => Items.Where(i => i.Kind == kind);
}

public enum DriftRepairStatus
{
    /// <summary>A run was started to converge the zone back to the tree.</summary>
    Started,
    /// <summary>
    /// No run can help: records the tree does not own sit in its groups (see <see cref="DriftItem.BlocksRepair"/>), or all
    /// the drift is what a run cannot change (see <see cref="DriftRepairPolicy"/>).
    /// </summary>
    Blocked,
    /// <summary>The run was refused, e.g. because another run holds the tree; the next check tries again.</summary>
    Refused,
    /// <summary>Starting the run failed.</summary>
    Failed,
}

/// <summary>The repair decision and, once acted on, its outcome.</summary>
public sealed record DriftRepair(DriftRepairStatus Status, string? RunId = null, string? Reason = null);
