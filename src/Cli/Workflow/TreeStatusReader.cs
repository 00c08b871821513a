using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Cli.Workflow;

/// <summary>What <c>failover status</c> shows: the tree item, its versions, its last run and that run's nodes.</summary>
internal sealed record TreeStatus(TreeRecord Tree, IReadOnlyList<VersionInfo> Versions, RunRecord? LastRun,
    IReadOnlyList<NodeProgress> Nodes);

internal static class TreeStatusReader
{
    public static async Task<TreeStatus?> ReadAsync(ProgressStore store, string tree, CancellationToken cancellationToken)
    {
        var record = await store.GetTreeAsync(tree, cancellationToken);
        if (record is null) return null;
        var versions = await store.ListVersionsAsync(tree, 10, cancellationToken);
        var run = record.LastRunId is { } id ? await store.GetRunAsync(id, cancellationToken) : null;
        var nodes = run is null ? [] : await store.ListNodesAsync(run.RunId, cancellationToken);
        return new TreeStatus(record, versions, run, nodes);
    }
}
