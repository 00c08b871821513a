using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Testing.Route53;

/// <summary>
/// The record sets of one hosted zone, held in memory and changed only by whole change batches under the
/// ChangeResourceRecordSets rules the service relies on. Shared by <see cref="InMemoryZone"/> (plans applied in Core
/// tests) and <see cref="InMemoryRoute53"/> (the service's Route 53 port in its unit tests), so both refuse the same
/// batches. Everything else Route 53 checks (value syntax, TTL ranges, alias target types) is accepted.
/// </summary>
public sealed class InMemoryRecordSets(string hostedZoneId)
{
    /// <summary>ChangeResourceRecordSets: at most 1,000 ResourceRecord elements per request, an UPSERT's counted twice
    /// (Route 53 Developer Guide, "Quotas", Maximums for ChangeResourceRecordSets requests).</summary>
    public const int MaxResourceRecords = 1000;

    private readonly Dictionary<RecordKey, ResourceRecordSet> _records = [];

    public string HostedZoneId { get; } = hostedZoneId;

    public IReadOnlyCollection<ResourceRecordSet> Records => _records.Values;

    public bool Contains(RecordKey key) => _records.ContainsKey(key);

    /// <summary>
    /// Applies the batch whole or not at all (API reference, ChangeResourceRecordSets: "Route 53 validates the changes
    /// in the request and then either makes all or none of the changes"); a refusal lists every problem found.
    /// </summary>
    public void Apply(ChangeBatch batch)
    {
        if (batch.Changes.Count == 0) throw new ChangeBatchRefusedException(["a change batch needs at least one change"]);
        var problems = new List<string>();
        var elements = batch.Changes.Sum(c => c.RecordSet.ResourceRecords.Count * (c.Action == ChangeAction.Upsert ? 2 : 1));
        if (elements > MaxResourceRecords) problems.Add($"Number of records limit of {MaxResourceRecords} exceeded ({elements})");

        var names = _records.Keys.Select(k => k.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var next = new Dictionary<RecordKey, ResourceRecordSet>(_records);
        var deleted = new HashSet<RecordKey>();
        foreach (var change in batch.Changes)
        {
            var record = change.RecordSet;
            // An alias into the zone needs its target to exist: Route 53 answers "Tried to create an alias that targets
            // ..., but it doesn't exist" (Developer Guide, "Values for alias records", Value/route traffic to). The
            // check is against the zone before the batch: the planner never relies on a target made in the same batch.
            if (change.Action != ChangeAction.Delete && record.AliasTarget is { } alias && alias.HostedZoneId == HostedZoneId
                && !names.Contains(alias.DnsName))
                problems.Add($"Tried to create an alias that targets {alias.DnsName}., type {record.Type} in zone {HostedZoneId}, " +
                    "but it doesn't exist.");
            switch (change.Action)
            {
                case ChangeAction.Create when next.ContainsKey(record.Key):
                    problems.Add($"Tried to create resource record set [{record.Key}] but it already exists");
                    break;
                // "To delete a resource record set, you must specify all the same values that you specified when you
                // created it" (API reference, ChangeResourceRecordSets).
                case ChangeAction.Delete when !next.TryGetValue(record.Key, out var current) || !current.SameAs(record):
                    problems.Add($"Tried to delete resource record set [{record.Key}] but it was not found");
                    break;
                // "If you try to delete the same resource record set more than once in a single change batch, Route 53
                // returns an InvalidChangeBatch error" (API reference, ChangeResourceRecordSets).
                case ChangeAction.Delete when !deleted.Add(record.Key):
                    problems.Add($"Tried to delete resource record set [{record.Key}] more than once in one batch");
                    break;
                case ChangeAction.Delete:
                    next.Remove(record.Key);
                    break;
                default:
                    next[record.Key] = record;
                    break;
            }
        }
        // One routing policy per name and type (Developer Guide, "Choosing a routing policy": records with the same
        // name and type must all use the same policy; Route 53 refuses e.g. a weighted set beside a simple one).
        foreach (var group in next.Values.GroupBy(r => (Name: r.Name.ToLowerInvariant(), Type: r.Type)))
            if (group.Select(RecordRouting.PolicyOf).Distinct().Count() > 1)
                problems.Add($"RRSet with DNS name {group.Key.Name}. and type {group.Key.Type} would mix routing policies");
        if (problems.Count > 0) throw new ChangeBatchRefusedException(problems);

        _records.Clear();
        foreach (var (key, record) in next) _records[key] = record;
    }
}

/// <summary>Route 53's InvalidChangeBatch: nothing of the batch was applied; <see cref="Messages"/> names each problem.</summary>
public sealed class ChangeBatchRefusedException(IReadOnlyList<string> messages)
    : InvalidOperationException("InvalidChangeBatch: " + string.Join("; ", messages))
{
    public IReadOnlyList<string> Messages { get; } = messages;
}
