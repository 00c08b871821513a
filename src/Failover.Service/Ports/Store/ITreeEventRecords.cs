using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>Each tree's timeline: the events published about it, kept as long as runs are (then removed by TTL).</summary>
public interface ITreeEventRecords
{
    Task PutTreeEventAsync(TreeEventRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tree's latest events, newest first, at most <paramref name="limit"/>; an event stored twice (a retried step
    /// published it again) is listed once, at its latest time.
    /// </summary>
    Task<IReadOnlyList<TreeEventRecord>> ListTreeEventsAsync(string tree, int limit, CancellationToken cancellationToken = default);
}
