using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Workflow;

/// <summary>One tree node's part in a plan: the layers that touch it, its record sets, and how it ends.</summary>
public sealed record NodeWork(string NodeId, IReadOnlyList<int> Layers, IReadOnlyList<RecordKey> Records, bool OnlyRemoved)
{
    public int LastLayer => Layers[^1];

    /// <summary>DELETED for a node the plan only removes (a node gone from the tree, a teardown), DONE otherwise.</summary>
    public NodeStatus FinalStatus => OnlyRemoved ? NodeStatus.Deleted : NodeStatus.Done;
}

/// <summary>
/// The nodes of a plan, as the progress table tracks them: one item per tree node, PENDING until its first layer
/// starts, IN_PROGRESS meanwhile, DONE (or DELETED) when its last layer is through. A change without a node (a record
/// the zone holds that no longer belongs to any node) is tracked under its record key; a health check deleted without
/// a node tag under its id.
/// </summary>
public static class PlanNodes
{
    public static string IdOf(RecordChange change) => change.NodeId ?? change.RecordSet.Key.ToString();

    public static string IdOf(HealthCheckDeletion deletion) => deletion.NodeId ?? "health-check " + deletion.HealthCheckId;

    /// <summary>A CIDR collection is tracked under its ip-based rule (or its name, when the rule is gone from the tree).</summary>
    public static string IdOf(PlannedCidrCollection collection) => collection.RuleId ?? "cidr-collection " + collection.Name;

    /// <summary>The node ids a layer touches, in plan order.</summary>
    public static IReadOnlyList<string> InLayer(PlanLayer layer) => layer.Kind switch
    {
        PlanLayerKind.HealthChecks => layer.HealthChecks.Select(c => c.NodeId).Distinct().ToList(),
        PlanLayerKind.HealthCheckCleanup => layer.HealthCheckDeletions.Select(IdOf).Distinct().ToList(),
        PlanLayerKind.HealthCheckAlarms => layer.HealthCheckAlarms.Select(a => a.NodeId).Distinct().ToList(),
        PlanLayerKind.CidrCollections or PlanLayerKind.CidrCollectionCleanup => layer.CidrCollections.Select(IdOf).Distinct().ToList(),
        _ => layer.ChangeBatches.SelectMany(b => b.Changes).Select(IdOf).Distinct().ToList(),
    };

    public static IReadOnlyDictionary<string, NodeWork> Of(Plan plan)
    {
        var layers = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var records = new Dictionary<string, List<RecordKey>>(StringComparer.Ordinal);
        var writes = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < plan.Layers.Count; index++)
        {
            var layer = plan.Layers[index];
            foreach (var node in InLayer(layer))
            {
                if (!layers.TryGetValue(node, out var set)) layers[node] = set = [];
                set.Add(index);
            }
            if (layer.Kind == PlanLayerKind.HealthChecks)
                foreach (var check in layer.HealthChecks) writes.Add(check.NodeId);
            foreach (var alarm in layer.HealthCheckAlarms) writes.Add(alarm.NodeId);
            foreach (var collection in layer.CidrCollections.Where(c => !c.Deletes)) writes.Add(IdOf(collection));
            foreach (var change in layer.ChangeBatches.SelectMany(b => b.Changes))
            {
                var node = IdOf(change);
                if (!records.TryGetValue(node, out var keys)) records[node] = keys = [];
                if (!keys.Contains(change.RecordSet.Key)) keys.Add(change.RecordSet.Key);
                if (change.Action != ChangeAction.Delete) writes.Add(node);
            }
        }
        return layers.ToDictionary(
            entry => entry.Key,
            entry => new NodeWork(entry.Key, [.. entry.Value], records.GetValueOrDefault(entry.Key) ?? [], !writes.Contains(entry.Key)),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// The PENDING node items of a new plan, each labelled with the layer of its records (a leaf belongs to
    /// leaf-records, not to the health-checks layer that prepares it), or its only layer.
    /// </summary>
    public static IReadOnlyList<PlannedNode> Planned(Plan plan) =>
        Of(plan).Values
            .Select(n => (Node: n, Home: HomeLayer(plan, n)))
            .OrderBy(n => n.Home).ThenBy(n => n.Node.NodeId, StringComparer.Ordinal)
            .Select(n => new PlannedNode(n.Node.NodeId, plan.Layers[n.Home].Name, n.Node.Records))
            .ToList();

    private static int HomeLayer(Plan plan, NodeWork node) =>
        node.Layers.Where(i => plan.Layers[i].Kind == PlanLayerKind.Records).DefaultIfEmpty(node.Layers[0]).First();
}
