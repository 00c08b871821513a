using Failover.Core.Drift;

namespace Failover.Service.Drift;

/// <summary>What one drift check of one tree did: the stored report, or why the tree was not checked.</summary>
public sealed record DriftCheckResult(string Tree, DriftReport? Report, string? SkippedBecause = null)
{
    public bool Checked => Report is not null;

    public static DriftCheckResult Skipped(string tree, string reason) => new(tree, null, reason);
}

/// <summary>A drift check that cannot complete (the stored spec no longer loads, the zone is gone, the repair failed).</summary>
public sealed class DriftCheckException(string message, Exception? inner = null) : Exception(message, inner);
