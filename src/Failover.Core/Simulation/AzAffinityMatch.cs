using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Simulation;

/// <summary>
/// Where an AZ-affinity query comes from: the locations that contain the client, most specific first (Developer Guide, AZ-affinity
/// routing: Availability Zone, Zone Group, Region, Partition, Global). A client whose zone Route 53 does not know matches only
/// the Global location (API reference, AZAffinity).
/// </summary>
internal sealed record AzClient(string Given, IReadOnlyList<(string Type, string Id)> Locations, string? Region)
{
    public static readonly AzClient Unknown =
        new("an unknown Availability Zone", [(AzLocationTypes.Global, AzLocationTypes.GlobalId)], null);

    /// <summary>An Availability Zone ID, a Zone Group, a region code or a partition; null with an error otherwise.</summary>
    public static AzClient? Parse(string text, out string? error)
    {
        error = null;
        var id = text.Trim().ToLowerInvariant();
        var global = (AzLocationTypes.Global, AzLocationTypes.GlobalId);
        if (AzLocationIds.RegionOfAvailabilityZone(id) is { } azRegion)
            return new AzClient(id, [(AzLocationTypes.AvailabilityZone, id), (AzLocationTypes.Region, azRegion),
                (AzLocationTypes.Partition, AzLocationIds.PartitionOf(azRegion)), global], azRegion);
        if (AzLocationIds.RegionOfZoneGroup(id) is { } groupRegion)
            return new AzClient(id, [(AzLocationTypes.AvailabilityZoneGroup, id), (AzLocationTypes.Region, groupRegion),
                (AzLocationTypes.Partition, AzLocationIds.PartitionOf(groupRegion)), global], groupRegion);
        if (AwsCatalog.LatencyRegions.Contains(id))
            return new AzClient(id, [(AzLocationTypes.Region, id), (AzLocationTypes.Partition, AzLocationIds.PartitionOf(id)), global], id);
        if (AzLocationIds.Partitions.Contains(id))
            return new AzClient(id, [(AzLocationTypes.Partition, id), global], null);
        error = $"'{text}' is not an Availability Zone ID (use1-az1), a Zone Group (us-east-1-zg-1), a region (us-east-1) or a " +
            $"partition ({string.Join(", ", AzLocationIds.Partitions)})";
        return null;
    }
}

internal static class AzAffinityMatch
{
    /// <summary>
    /// The children whose location contains the client, most specific first, and whether a zone group was matched by its region
    /// alone (an AZ ID does not say which Zone Group holds it).
    /// </summary>
    public static List<TreeNode> MostSpecificFirst(IReadOnlyList<TreeNode> children, AzClient client, out TreeNode? assumedGroup)
    {
        assumedGroup = null;
        var matches = new List<(TreeNode Node, int Rank)>();
        foreach (var child in children)
        {
            if (child.AzAffinity is not { } spec || AzLocationTypes.TypeOf(spec.Type) is not { } type) continue;
            var id = type == AzLocationTypes.Global ? AzLocationTypes.GlobalId : spec.Id;
            if (client.Locations.Any(l => l.Type == type && l.Id == id))
                matches.Add((child, AzLocationTypes.Rank(type)));
            else if (type == AzLocationTypes.AvailabilityZoneGroup && client.Locations[0].Type == AzLocationTypes.AvailabilityZone
                && id is not null && AzLocationIds.RegionOfZoneGroup(id) == client.Region && assumedGroup is null)
            {
                assumedGroup = child;
                matches.Add((child, AzLocationTypes.Rank(type)));
            }
        }
        return matches.OrderBy(m => m.Rank).Select(m => m.Node).ToList();
    }
}
