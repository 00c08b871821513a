using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Testing;

/// <summary>
/// A hosted zone and an account's health checks held in memory, for applying plans in tests. Set semantics (CREATE
/// needs an absent key, DELETE an exact match, UPSERT replaces), atomic batches, plus the two Route 53 rules the
/// planner's ordering exists for: an alias into the zone needs its target name to exist before the batch, and one
/// name+type never mixes routing policies after a batch. Not Route 53: everything else is accepted.
/// </summary>
public sealed class InMemoryZone(string tree, string hostedZoneId)
{
    private readonly Dictionary<RecordKey, ResourceRecordSet> records = [];
    private readonly HashSet<RecordKey> owned = [];
    private readonly List<ExistingHealthCheck> healthChecks = [];
    private int nextHealthCheck = 1;

    public IReadOnlyCollection<ResourceRecordSet> Records => records.Values;
    public IReadOnlyList<ExistingHealthCheck> HealthChecks => healthChecks;

    /// <summary>Called after every change batch with the layer's name, so tests can look at each intermediate zone.</summary>
    public Action<string, InMemoryZone>? AfterBatch { get; set; }

    /// <summary>What the planner sees: every record, the health checks, and which records this tree made.</summary>
    public ActualState State => new([.. records.Values], [.. healthChecks], new HashSet<RecordKey>(owned));

    /// <summary>Puts a record in the zone that some other tool made (not owned by the tree).</summary>
    public void AddForeign(ResourceRecordSet record) => records.Add(record.Key, record);

    public void Apply(Plan plan)
    {
        var idsByNode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in plan.Layers)
        {
            foreach (var check in layer.HealthChecks) idsByNode[check.NodeId] = CreateHealthCheck(check);
            foreach (var batch in layer.ChangeBatches)
            {
                ApplyBatch(batch, idsByNode);
                AfterBatch?.Invoke(layer.Name, this);
            }
            foreach (var deletion in layer.HealthCheckDeletions)
                if (healthChecks.RemoveAll(h => h.Id == deletion.HealthCheckId) == 0)
                    throw new InvalidOperationException($"NoSuchHealthCheck: {deletion.HealthCheckId}");
        }
    }

    private string CreateHealthCheck(PlannedHealthCheck check)
    {
        var existing = healthChecks.FirstOrDefault(h => h.CallerReference == check.CallerReference);
        if (existing is not null)
            return existing.Config.SameAs(check.Config) ? existing.Id
                : throw new InvalidOperationException($"HealthCheckAlreadyExists: {check.CallerReference}");
        var id = $"hc-{nextHealthCheck++:D4}";
        healthChecks.Add(new ExistingHealthCheck(id, check.CallerReference, check.Config, tree, check.NodeId));
        return id;
    }

    private void ApplyBatch(ChangeBatch batch, Dictionary<string, string> idsByNode)
    {
        var before = records.Keys.Select(k => k.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var next = new Dictionary<RecordKey, ResourceRecordSet>(records);
        var nextOwned = new HashSet<RecordKey>(owned);
        var deleted = new HashSet<RecordKey>();
        foreach (var change in batch.Changes)
        {
            var record = HealthCheckPlaceholder.Resolve(change.RecordSet, idsByNode);
            if (change.Action != ChangeAction.Delete && record.AliasTarget is { } alias && alias.HostedZoneId == hostedZoneId
                && !before.Contains(alias.DnsName))
                throw new InvalidOperationException($"InvalidChangeBatch: alias target {alias.DnsName} of {record.Key} does not exist");
            switch (change.Action)
            {
                case ChangeAction.Create when next.ContainsKey(record.Key):
                    throw new InvalidOperationException($"InvalidChangeBatch: {record.Key} already exists");
                case ChangeAction.Delete when !next.TryGetValue(record.Key, out var current) || !current.SameAs(record):
                    throw new InvalidOperationException($"InvalidChangeBatch: {record.Key} not found with the given values");
                case ChangeAction.Delete when !deleted.Add(record.Key):
                    throw new InvalidOperationException($"InvalidChangeBatch: {record.Key} deleted twice");
                case ChangeAction.Delete:
                    next.Remove(record.Key);
                    nextOwned.Remove(record.Key);
                    break;
                default:
                    next[record.Key] = record;
                    nextOwned.Add(record.Key);
                    break;
            }
        }
        foreach (var group in next.Values.GroupBy(r => (r.Name, r.Type)))
            if (group.Select(RecordRouting.PolicyOf).Distinct().Count() > 1)
                throw new InvalidOperationException($"InvalidChangeBatch: {group.Key.Name} {group.Key.Type} would mix routing policies");

        records.Clear();
        foreach (var (key, record) in next) records[key] = record;
        owned.Clear();
        owned.UnionWith(nextOwned);
    }
}
