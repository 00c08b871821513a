using Failover.Service.Progress;

namespace Failover.Testing.Store;

public sealed partial class InMemoryProgressStore
{
    private readonly List<TreeEventRecord> _events = [];

    public Task PutTreeEventAsync(TreeEventRecord record, CancellationToken cancellationToken = default) =>
        Serve(() => _events.Add(record with { Time = DateTimeOffset.FromUnixTimeMilliseconds(record.Time.ToUnixTimeMilliseconds()) }));

    /// <summary>Newest first (time, then event id, as the table's sort key orders them); an event id once, at its latest time.</summary>
    public Task<IReadOnlyList<TreeEventRecord>> ListTreeEventsAsync(string tree, int limit,
        CancellationToken cancellationToken = default) =>
        Serve(() =>
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
            return (IReadOnlyList<TreeEventRecord>)[.. _events.Where(e => e.Tree == tree)
                .OrderByDescending(e => e.Time).ThenByDescending(e => e.EventId, StringComparer.Ordinal)
                .DistinctBy(e => e.EventId).Take(limit)];
        });
}
