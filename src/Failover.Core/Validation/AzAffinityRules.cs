using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// An az-affinity child's location, as Route 53 takes it (API reference, AZAffinity and LocationType; Developer Guide,
/// AZ-affinity routing). Health checks are allowed on every record of the group and are how it falls back (AZAffinity: "To
/// have Route 53 fall back to a less specific location when a resource is unhealthy, associate a health check with each
/// record, or set EvaluateTargetHealth to true for alias records"); the record type is any the tree may have (Developer Guide,
/// "Values specific for AZ-affinity alias records": "All types are supported except NS and SOA", which the tree's record type
/// rules refuse already).
/// </summary>
internal static class AzAffinityRules
{
    private const string Example =
        "{\"type\": \"availability-zone\", \"id\": \"use1-az1\"}, {\"type\": \"zone-group\", \"id\": \"us-east-1-zg-1\"}, " +
        "{\"type\": \"region\", \"id\": \"us-east-1\"}, {\"type\": \"partition\", \"id\": \"aws\"} or {\"type\": \"global\"}";

    public static void Check(ValidationContext context, VisitedNode visited, bool needed)
    {
        var location = visited.Node.AzAffinity;
        if (!needed && location is null) return;
        var path = visited.PathOf("azAffinity");
        if (!needed)
        {
            if (location is not null) context.Error(path, ParentAttributeRules.Unused("azAffinity", visited));
            return;
        }
        if (location is null)
        {
            context.Error(path, $"a child of an az-affinity rule needs azAffinity: {Example}");
            return;
        }
        // AZAffinity: "You must specify both LocationType and LocationId"; LocationType is one of the five levels.
        if (location.Type is not { } type) return;
        if (AzLocationTypes.TypeOf(type) is not { } locationType)
        {
            context.Error($"{path}.type", $"\"{TreeFieldRules.Shown(type)}\" is not an AZ-affinity location type: " +
                $"{string.Join(", ", AzLocationTypes.MostSpecificFirst.Select(t => t.Name))} (API reference, LocationType)");
            return;
        }
        if (IdProblem(locationType, location.Id) is { } problem) context.Error($"{path}.id", problem);
    }

    /// <summary>Rules over the siblings of one az-affinity rule: one record per location, and a record for the Global location.</summary>
    public static void CheckRule(ValidationContext context, TreeNode rule)
    {
        // Developer Guide, AZ-affinity routing: "you create records that have the same name and type, one for each client
        // location that you want to route traffic for."
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in rule.Children)
        {
            if (child.AzAffinity is not { Type: { } type } location || AzLocationTypes.TypeOf(type) is not { } locationType) continue;
            var key = $"{locationType}/{(locationType == AzLocationTypes.Global ? AzLocationTypes.GlobalId : location.Id)}";
            if (!seen.TryAdd(key, child.Path))
                context.Error($"{child.Path}.azAffinity",
                    $"the location ({location}) is already used by {seen[key]}: Route 53 takes one AZ-affinity record per location");
        }
        // AZAffinity: "If Route 53 doesn't know which AZ a query came from, the query matches only the record for the Global
        // location type": without one, such queries (every query that does not reach Route 53 through VPC Resolver) get no
        // record of this group.
        if (rule.Children.Count > 0 && !rule.Children.Any(c => c.AzAffinity?.Type == AzLocationTypes.GlobalName))
            context.Warning($"{rule.Path}.children",
                "no child answers the global location: a query whose Availability Zone Route 53 does not know (one that does not " +
                "come through Route 53 VPC Resolver) matches only the Global record (API reference, AZAffinity), so it gets no " +
                "answer from this rule; add {\"azAffinity\": {\"type\": \"global\"}}");
    }

    private static string? IdProblem(string type, string? id)
    {
        if (type == AzLocationTypes.Global)
            return id is null or AzLocationTypes.GlobalId ? null
                : $"the global location has one id, \"{AzLocationTypes.GlobalId}\"; leave id out";
        if (id is null) return "an AZ-affinity location needs an id (API reference, AZAffinity: both LocationType and LocationId)";
        var shown = TreeFieldRules.Shown(id);
        // AZAffinity.LocationId: "Specify the ID in lowercase".
        if (!string.Equals(id, id.ToLowerInvariant(), StringComparison.Ordinal))
            return $"\"{shown}\" has upper-case letters; Route 53 takes location ids in lower case (API reference, AZAffinity.LocationId)";
        return type switch
        {
            AzLocationTypes.AvailabilityZone => AvailabilityZoneProblem(id, shown),
            AzLocationTypes.AvailabilityZoneGroup => AzLocationIds.RegionOfZoneGroup(id) is not null ? null
                : AzLocationIds.IsLocalZone(id)
                    ? $"\"{shown}\" is a Local Zone group; AZ-affinity takes the Zone Group an Availability Zone belongs to, such as " +
                        "us-east-1-zg-1 (API reference, AZAffinity.LocationId: \"not a Local Zone group\")"
                    : $"\"{shown}\" is not a Zone Group id: a region code, -zg- and a number, such as us-east-1-zg-1 " +
                        "(API reference, AZAffinity.LocationId)",
            AzLocationTypes.Region => AwsCatalog.LatencyRegions.Contains(id) ? null
                : $"\"{shown}\" is not an AWS Region code Route 53 knows (us-east-1, eu-west-1, …)",
            AzLocationTypes.Partition => AzLocationIds.Partitions.Contains(id) ? null
                : $"\"{shown}\" is not an AWS partition: {string.Join(", ", AzLocationIds.Partitions)} " +
                    "(API reference, AZAffinity.LocationId)",
            _ => null,
        };
    }

    private static string? AvailabilityZoneProblem(string id, string shown)
    {
        if (AzLocationIds.RegionOfAvailabilityZone(id) is not null) return null;
        // AZAffinity.LocationId: "the Availability Zone ID (not the Availability Zone name or a Local Zone ID)"; Developer Guide:
        // "An Availability Zone name can map to a different Availability Zone in each AWS account."
        if (AzLocationIds.IsAvailabilityZoneName(id))
            return $"\"{shown}\" is an Availability Zone name, which maps to a different zone in each account; give the AZ ID, such " +
                "as use1-az1 (aws ec2 describe-availability-zones shows ZoneId)";
        if (AzLocationIds.IsLocalZone(id))
            return $"\"{shown}\" is a Local Zone; AZ-affinity takes Availability Zone IDs only (API reference, AZAffinity.LocationId)";
        return $"\"{shown}\" is not an Availability Zone ID of a region Route 53 knows: the region's short code, -az and a number, " +
            "such as use1-az1 or euw1-az2";
    }
}
