using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>
/// The records a tree owns: the only ones any of its runs, its drift repair or its teardown may change. A record a
/// change is about to create is pending first (with the text of what the change writes) and owned once Route 53 is
/// known to hold it: a crash in between must not make a record someone else wrote there the tree's.
/// </summary>
public interface IOwnedRecords
{
    /// <summary>
    /// Owned records; pending ones are not among them. Each key names its hosted zone (<see cref="RecordKey.Zone"/>, spelled
    /// out); a key kept before zones were part of it has none and is in the tree's zone (until
    /// <see cref="MigrateOwnedRecordsAsync"/>).
    /// </summary>
    Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default);

    /// <summary>Pending records, each with the text of the record set its change writes.</summary>
    Task<IReadOnlyDictionary<RecordKey, string>> GetPendingOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default);

    /// <summary>Claims records as pending, each with the text of the record set the change writes.</summary>
    Task AddPendingOwnedRecordsAsync(string tree, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default);

    /// <summary>Owns these records (confirming pending claims on them).</summary>
    Task AddOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default);

    /// <summary>Claims records of one hosted zone as pending (<paramref name="hostedZoneId"/> null: the zone each key names).</summary>
    Task AddPendingOwnedRecordsAsync(string tree, string? hostedZoneId, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default);

    /// <summary>Owns records of one hosted zone (<paramref name="hostedZoneId"/> null: the zone each key names).</summary>
    Task AddOwnedRecordsAsync(string tree, string? hostedZoneId, IEnumerable<RecordKey> records,
        CancellationToken cancellationToken = default);

    Task RemoveOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default);

    Task SetOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives every owned or pending record kept without a zone its zone, <paramref name="treeZone"/> (the tree's zone when
    /// it was written: a tree could not change zones before). Done before a run may move the tree or write the same name in
    /// another zone, so that a key without a zone never stands for two places. Returns how many were rewritten.
    /// </summary>
    Task<int> MigrateOwnedRecordsAsync(string tree, string treeZone, CancellationToken cancellationToken = default);
}
