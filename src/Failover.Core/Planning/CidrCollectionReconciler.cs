using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>The work on a tree's CIDR collections: before the records (create, add) and after them (remove, delete).</summary>
internal sealed record CidrCollectionReconciliation(
    IReadOnlyList<PlannedCidrCollection> Before, IReadOnlyList<PlannedCidrCollection> After,
    IReadOnlyDictionary<string, string> ExistingIdsByRule);

/// <summary>
/// Make-before-break for CIDR collections, as for health checks: a record may only name a collection and location that
/// exist (Route 53 refuses the change batch otherwise), and a location or collection a record still names cannot be removed
/// (ChangeCidrCollection answers CidrBlockInUseException; DeleteCidrCollection: "The collection must be empty before it can
/// be deleted", CidrCollectionInUseException). So before the records every desired location gets its blocks (blocks moving
/// from a location the tree drops leave it in the same request), and after them the dropped locations and the collections
/// of rules that left the tree go.
/// </summary>
internal static class CidrCollectionReconciler
{
    public static CidrCollectionReconciliation Reconcile(string tree, IReadOnlyList<DesiredCidrCollection> desired, ActualState actual)
    {
        var byName = actual.CidrCollections.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var before = new List<PlannedCidrCollection>();
        var after = new List<PlannedCidrCollection>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var wanted in desired)
        {
            var existing = byName.GetValueOrDefault(wanted.Name);
            if (existing is not null) ids[wanted.RuleId] = existing.Id;
            var held = existing?.Locations ?? new Dictionary<string, IReadOnlyList<string>>();
            var interim = Interim(held, wanted.Locations);
            var changes = CidrBlocks.Changes(held, interim);
            if (existing is null || changes.Count > 0)
                before.Add(new PlannedCidrCollection(wanted.Name, wanted.RuleId, wanted.CallerReference, existing?.Id, existing?.Version,
                    interim, changes));
            var rest = CidrBlocks.Changes(interim, wanted.Locations);
            if (rest.Count > 0)
                after.Add(new PlannedCidrCollection(wanted.Name, wanted.RuleId, wanted.CallerReference, existing?.Id,
                    changes.Count == 0 ? existing?.Version : null, wanted.Locations, rest));
        }
        var names = desired.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        after.AddRange(Unwanted(tree, actual, names));
        return new CidrCollectionReconciliation(before, after, ids);
    }

    /// <summary>Teardown: every collection of the tree, emptied and deleted.</summary>
    public static IReadOnlyList<PlannedCidrCollection> Unwanted(string tree, ActualState actual, IReadOnlySet<string> keep) =>
        actual.CidrCollections
            .Where(c => DesiredCidrCollection.TreeOf(c.Name) == tree && !keep.Contains(c.Name))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new PlannedCidrCollection(c.Name, DesiredCidrCollection.RuleOf(c.Name), "", c.Id, c.Version, null,
                CidrBlocks.Changes(c.Locations, new Dictionary<string, IReadOnlyList<string>>())))
            .ToList();

    /// <summary>
    /// The collection while the records change: every desired location with its blocks, and each location the tree drops
    /// with what it still holds that no desired location takes (records may name it until the record layers have run). A
    /// dropped location whose blocks all move elsewhere keeps one of them until the clean-up layer, when the receiving location
    /// has others: a location records still name cannot lose its last block (ChangeCidrCollection, CidrBlockInUseException).
    /// </summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Interim(
        IReadOnlyDictionary<string, IReadOnlyList<string>> held, IReadOnlyDictionary<string, IReadOnlyList<string>> wanted)
    {
        var receiver = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (location, blocks) in wanted)
            foreach (var block in blocks) receiver.TryAdd(CidrBlocks.Canonical(block), location);
        var interim = wanted.ToDictionary(l => l.Key, l => l.Value.ToList(), StringComparer.Ordinal);
        foreach (var (location, blocks) in held.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (wanted.ContainsKey(location)) continue;
            var left = blocks.Where(b => !receiver.ContainsKey(CidrBlocks.Canonical(b))).ToList();
            if (left.Count == 0)
            {
                var keep = blocks.FirstOrDefault(b => interim[receiver[CidrBlocks.Canonical(b)]].Count > 1);
                if (keep is not null)
                {
                    interim[receiver[CidrBlocks.Canonical(keep)]].RemoveAll(b => CidrBlocks.Canonical(b) == CidrBlocks.Canonical(keep));
                    left.Add(keep);
                }
            }
            if (left.Count > 0) interim[location] = left;
        }
        return interim.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Value, StringComparer.Ordinal);
    }
}
