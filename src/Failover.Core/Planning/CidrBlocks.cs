using System.Net;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// CIDR blocks compared by the network they name, not their spelling ("2001:DB8::/32" is "2001:db8::/32"), and the
/// ChangeCidrCollection changes that take a collection's locations from one state to another.
/// </summary>
public static class CidrBlocks
{
    public static string Canonical(string block) =>
        IPNetwork.TryParse(block.Trim(), out var network) ? network.ToString().ToLowerInvariant() : block.Trim();

    public static bool SameLocations(IReadOnlyDictionary<string, IReadOnlyList<string>>? a,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? b)
    {
        if (a is null || b is null) return a is null && b is null;
        return Changes(a, b).Count == 0;
    }

    /// <summary>
    /// The changes, in one request, from <paramref name="from"/> to <paramref name="to"/>: every DELETE_IF_EXISTS first,
    /// then the PUTs, locations in name order. API reference, ChangeCidrCollection: "A change request can update multiple
    /// locations in a collection at a time, which is helpful if you want to move one or more CIDR blocks from one location to
    /// another in one transaction"; a location whose last block is deleted is gone.
    /// </summary>
    public static IReadOnlyList<CidrCollectionChange> Changes(IReadOnlyDictionary<string, IReadOnlyList<string>> from,
        IReadOnlyDictionary<string, IReadOnlyList<string>> to)
    {
        var deletes = new List<CidrCollectionChange>();
        var puts = new List<CidrCollectionChange>();
        foreach (var location in from.Keys.Concat(to.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var held = from.GetValueOrDefault(location) ?? [];
            var wanted = to.GetValueOrDefault(location) ?? [];
            var wantedSet = wanted.Select(Canonical).ToHashSet(StringComparer.Ordinal);
            var heldSet = held.Select(Canonical).ToHashSet(StringComparer.Ordinal);
            var extra = held.Where(b => !wantedSet.Contains(Canonical(b))).ToList();
            var missing = wanted.Where(b => !heldSet.Contains(Canonical(b))).DistinctBy(Canonical).ToList();
            if (extra.Count > 0) deletes.Add(new CidrCollectionChange(location, CidrChangeAction.DeleteIfExists, extra));
            if (missing.Count > 0) puts.Add(new CidrCollectionChange(location, CidrChangeAction.Put, missing));
        }
        return [.. deletes, .. puts];
    }

    /// <summary>How many blocks the changes name (ChangeCidrCollection takes at most 1,000 in one request).</summary>
    public static int Count(IReadOnlyList<CidrCollectionChange> changes) => changes.Sum(c => c.Blocks.Count);
}
