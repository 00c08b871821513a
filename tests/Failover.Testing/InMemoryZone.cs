using Failover.Core.Alarms;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Testing.Route53;

namespace Failover.Testing;

/// <summary>
/// A hosted zone and an account's health checks held in memory, for applying plans in tests: the batches go through
/// <see cref="InMemoryRecordSets"/> (the ChangeResourceRecordSets rules the planner's ordering exists for), and the zone
/// remembers which records the tree made. For the service's ports, use <see cref="InMemoryRoute53"/>.
/// </summary>
public sealed class InMemoryZone(string tree, string hostedZoneId)
{
    private readonly InMemoryRecordSets records = new(hostedZoneId);
    private readonly HashSet<RecordKey> owned = [];
    private readonly List<ExistingHealthCheck> healthChecks = [];
    private int nextHealthCheck = 1;
    private readonly Dictionary<string, ExistingCidrCollection> collections = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ResourceRecordSet> Records => records.Records;
    public IReadOnlyList<ExistingHealthCheck> HealthChecks => healthChecks;

    /// <summary>Called after every change batch with the layer's name, so tests can look at each intermediate zone.</summary>
    public Action<string, InMemoryZone>? AfterBatch { get; set; }

    /// <summary>What the planner sees: every record, the health checks, and which records this tree made.</summary>
    public ActualState State => new([.. records.Records], [.. healthChecks], new HashSet<RecordKey>(owned))
    {
        Alarms = AlarmPrefix is { } prefix ? new HealthCheckAlarmState(prefix, new Dictionary<string, MetricAlarm>(Alarms)) : null,
        CidrCollections = [.. collections.Values],
    };

    /// <summary>Set: the zone's state carries the deployment's health check alarms with this prefix, and plans keep them.</summary>
    public string? AlarmPrefix { get; set; }

    /// <summary>The health check alarms, by name (CloudWatch's, as far as the tree is concerned).</summary>
    public Dictionary<string, MetricAlarm> Alarms { get; } = new(StringComparer.Ordinal);

    /// <summary>The account's CIDR collections by name.</summary>
    public IReadOnlyDictionary<string, ExistingCidrCollection> CidrCollections => collections;

    /// <summary>Puts a record in the zone that some other tool made (not owned by the tree).</summary>
    /// <summary>Deletes a health check out of band, as someone in the console would: records naming it keep naming it.</summary>
    public void DeleteHealthCheck(string id) => healthChecks.RemoveAll(h => h.Id == id);

    public void AddForeign(ResourceRecordSet record) => records.Apply(new ChangeBatch([new RecordChange(ChangeAction.Create, record)]));

    public void Apply(Plan plan)
    {
        var idsByNode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in plan.Layers)
        {
            // Checks of one layer are made after the previous layer's: a CALCULATED check names children made before it.
            var made = layer.HealthChecks.Select(check => (check.NodeId, Id: CreateHealthCheck(check, idsByNode))).ToList();
            foreach (var (node, id) in made) idsByNode[node] = id;
            foreach (var collection in layer.CidrCollections) ApplyCollection(collection);
            foreach (var batch in layer.ChangeBatches)
            {
                ApplyBatch(batch, idsByNode);
                AfterBatch?.Invoke(layer.Name, this);
            }
            foreach (var alarm in layer.HealthCheckAlarms)
            {
                var id = alarm.HealthCheckId ?? idsByNode.GetValueOrDefault(alarm.NodeId)
                    ?? throw new InvalidOperationException($"the alarm of node {alarm.NodeId} comes before its check");
                // As the CloudWatch client writes it: the description names the tree, and reads back as Tree.
                var put = HealthCheckAlarms.For(alarm.NamePrefix, id) with { Tree = tree };
                Alarms[put.Name] = put;
            }
            foreach (var deletion in layer.HealthCheckDeletions)
            {
                if (deletion.AlarmName is { } name) Alarms.Remove(name);
                if (deletion.AlarmOnly) continue;
                if (healthChecks.RemoveAll(h => h.Id == deletion.HealthCheckId) == 0)
                    throw new InvalidOperationException($"NoSuchHealthCheck: {deletion.HealthCheckId}");
            }
        }
    }

    private string CreateHealthCheck(PlannedHealthCheck check, IReadOnlyDictionary<string, string> idsByNode)
    {
        // Route 53 refuses a CALCULATED check naming a child that does not exist (InvalidInput).
        var children = check.Config.ChildHealthChecks.Select(child =>
            HealthCheckPlaceholder.TryGetNodeId(child, out var node)
                ? idsByNode.GetValueOrDefault(node)
                    ?? throw new InvalidOperationException($"InvalidInput: child of node {node} not made yet")
                : child).ToList();
        check = check with { Config = check.Config with { ChildHealthChecks = children } };
        var existing = healthChecks.FirstOrDefault(h => h.CallerReference == check.CallerReference);
        if (existing is not null)
            return existing.Config.SameAs(check.Config) ? existing.Id
                : throw new InvalidOperationException($"HealthCheckAlreadyExists: {check.CallerReference}");
        var id = $"hc-{nextHealthCheck++:D4}";
        healthChecks.Add(new ExistingHealthCheck(id, check.CallerReference, check.Config, tree, check.NodeId));
        return id;
    }

    /// <summary>Brings a collection to its planned locations (or deletes it), as the service's runner does.</summary>
    private void ApplyCollection(PlannedCidrCollection planned)
    {
        var existing = collections.GetValueOrDefault(planned.Name);
        if (planned.Locations is null)
        {
            collections.Remove(planned.Name);
            return;
        }
        collections[planned.Name] = new ExistingCidrCollection(existing?.Id ?? $"cidr-{collections.Count + 1:D4}", planned.Name,
            (existing?.Version ?? 0) + 1, planned.Locations);
    }

    private void ApplyBatch(ChangeBatch batch, Dictionary<string, string> idsByNode)
    {
        var resolved = batch with
        {
            Changes = [.. batch.Changes.Select(c =>
                c with { RecordSet = ResolveCollection(HealthCheckPlaceholder.Resolve(c.RecordSet, idsByNode)) })],
        };
        records.Apply(resolved);
        foreach (var change in resolved.Changes)
            if (change.Action == ChangeAction.Delete) owned.Remove(change.RecordSet.Key);
            else owned.Add(change.RecordSet.Key);
    }

    private ResourceRecordSet ResolveCollection(ResourceRecordSet record) =>
        record.CidrRoutingConfig is { } cidr && CidrCollectionPlaceholder.TryGetRuleId(cidr.CollectionId, out var rule)
            ? record with
            {
                CidrRoutingConfig = cidr with
                {
                    CollectionId = collections.GetValueOrDefault(DesiredCidrCollection.NameFor(tree, rule))?.Id
                        ?? throw new InvalidOperationException($"the CIDR collection of rule {rule} was not made before its records"),
                },
            }
            : record;
}
