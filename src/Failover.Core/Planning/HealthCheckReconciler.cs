using Failover.Core.Compilation;

namespace Failover.Core.Planning;

/// <summary>Which desired health checks already exist (reused, their ids put into the records) and which to create.</summary>
internal sealed record HealthCheckReconciliation(IReadOnlyList<PlannedHealthCheck> ToCreate,
    IReadOnlyDictionary<string, string> ExistingIdsByNode)
{
    /// <summary>Existing checks an adopted spec names that become the tree's (tagged) as they are.</summary>
    public IReadOnlyList<HealthCheckClaim> ToClaim { get; init; } = [];
}

internal static class HealthCheckReconciler
{
    public static HealthCheckReconciliation Reconcile(string tree, IReadOnlyList<DesiredHealthCheck> desired, ActualState actual,
        IReadOnlyDictionary<string, string>? adopted = null)
    {
        var byId = adopted is { Count: > 0 }
            ? actual.HealthChecks.GroupBy(h => h.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            : null;
        var toClaim = new List<HealthCheckClaim>();
        var byReference = new Dictionary<string, ExistingHealthCheck>(StringComparer.Ordinal);
        // The tree's own checks by node tag, in the account's order: a run's references are salted with its run id, so
        // a re-plan finds none of the checks an earlier run made by reference, and scanning every check for every node
        // made planning quadratic in the number of checks.
        var byNode = new Dictionary<string, List<ExistingHealthCheck>>(StringComparer.Ordinal);
        foreach (var check in actual.HealthChecks)
        {
            byReference.TryAdd(check.CallerReference, check);
            if (check.TreeTag != tree || check.NodeTag is not { } node) continue;
            if (!byNode.TryGetValue(node, out var list)) byNode[node] = list = [];
            list.Add(check);
        }

        var taken = new HashSet<string>(StringComparer.Ordinal);
        // Sized once: a large tree's lists grown by doubling are copied into new large-object arrays again and again.
        var toCreate = new List<PlannedHealthCheck>(desired.Count);
        var existing = new Dictionary<string, string>(actual.HealthChecks.Count == 0 ? 0 : desired.Count, StringComparer.Ordinal);
        // Children come before the CALCULATED checks that name them (the compiler's order), so a parent's children that
        // exist already are known by id here: a new parent names them by id, the others wait for their layer.
        foreach (var check in desired)
        {
            var config = WithChildIds(check.Config, existing);
            var match = byReference.GetValueOrDefault(check.CallerReference);
            // An adopted check is the node's while its config is exactly what the node's settings compile to, and no
            // other tree has tagged it; anything else is a change since adoption, and the node gets a check of its own.
            if (match is null && adopted?.GetValueOrDefault(check.NodeId) is { } adoptedId
                && byId!.GetValueOrDefault(adoptedId) is { } candidate && (candidate.TreeTag ?? tree) == tree
                && candidate.Config.SameAs(config) && !taken.Contains(candidate.Id))
            {
                match = candidate;
                if (candidate.TreeTag is null || candidate.NodeTag != check.NodeId)
                    toClaim.Add(new HealthCheckClaim(check.NodeId, candidate.Id));
            }
            // A check made under another reference (another salt) with the very same config serves just as well.
            match ??= byNode.GetValueOrDefault(check.NodeId)?.FirstOrDefault(h => !taken.Contains(h.Id) && h.Config.SameAs(config));
            if (match is not null && taken.Add(match.Id))
                existing[check.NodeId] = match.Id;
            else
                toCreate.Add(new PlannedHealthCheck(check.NodeId, check.CallerReference, config));
        }
        return new HealthCheckReconciliation(toCreate, existing) { ToClaim = toClaim };
    }

    /// <summary>The config with each child placeholder whose node has an id in <paramref name="ids"/> replaced by it.</summary>
    public static Route53.HealthCheckConfig WithChildIds(Route53.HealthCheckConfig config, IReadOnlyDictionary<string, string> ids) =>
        config.ChildHealthChecks.Count == 0 || ids.Count == 0 ? config : config with
        {
            ChildHealthChecks = config.ChildHealthChecks.Select(child =>
                HealthCheckPlaceholder.TryGetNodeId(child, out var node) && ids.TryGetValue(node, out var id) ? id : child).ToList(),
        };

    /// <summary>
    /// The tree's own checks (found by tag) that no record will refer to once the plan has run. Checks given by id in
    /// the spec carry no tree tag and are never deleted.
    /// </summary>
    /// <remarks>
    /// A CALCULATED check goes before the children it names, the reverse of creation, so no check ever names a deleted
    /// child: API reference, DeleteHealthCheck — Route 53 does not stop the deletion of a check still in use, and the
    /// status of what used it "can't be predicted".
    /// </remarks>
    public static IReadOnlyList<HealthCheckDeletion> Unused(string tree, ActualState actual, IReadOnlySet<string> stillReferenced)
    {
        var unused = actual.HealthChecks.Where(h => h.TreeTag == tree && !stillReferenced.Contains(h.Id)).ToList();
        var depth = HealthCheckLayering.DepthsById(unused);
        return unused
            .OrderByDescending(h => depth[h.Id])
            .ThenBy(h => h.NodeTag, StringComparer.Ordinal).ThenBy(h => h.Id, StringComparer.Ordinal)
            .Select(h => new HealthCheckDeletion(h.Id, h.NodeTag))
            .ToList();
    }
}
