using Failover.Core.Spec;

namespace Failover.Bench.Convergence;

/// <summary>A way of making the zone match a tree, measured against the same local stack.</summary>
internal interface IApplyStrategy
{
    /// <summary>Short name for tables and the plot.</summary>
    string Name { get; }

    /// <summary>Creates or updates the tree and returns once Route 53 reports every change INSYNC.</summary>
    Task ApplyAsync(BenchStack stack, TreeSpec spec, CancellationToken cancellationToken);
}
