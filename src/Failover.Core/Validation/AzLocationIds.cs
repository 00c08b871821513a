using System.Text.RegularExpressions;

namespace Failover.Core.Validation;

/// <summary>
/// The ids AZ-affinity locations take (API reference, AZAffinity.LocationId: "Specify the ID in lowercase, in the format that
/// corresponds to LocationType": an Availability Zone ID such as use1-az1, a Zone Group such as us-east-1-zg-1, a Region code,
/// a partition such as aws) and what contains what, for validation and the simulator.
/// </summary>
internal static partial class AzLocationIds
{
    /// <summary>The partitions of the regions Route 53 routes to (AWS General Reference, ARNs: aws, aws-cn, aws-us-gov; the
    /// European Sovereign Cloud's aws-eusc).</summary>
    public static readonly IReadOnlyList<string> Partitions = ["aws", "aws-cn", "aws-us-gov", "aws-eusc"];

    // Declared before the prefixes, which are built from it.
    private static readonly Dictionary<string, string> Directions = new(StringComparer.Ordinal)
    {
        ["east"] = "e", ["west"] = "w", ["north"] = "n", ["south"] = "s", ["central"] = "c",
        ["northeast"] = "ne", ["northwest"] = "nw", ["southeast"] = "se", ["southwest"] = "sw",
    };

    // An AZ ID is the region's short code and a zone number: us-east-1 → use1-az1, ap-southeast-2 → apse2-az3,
    // us-gov-west-1 → usgw1-az1 (AWS Global Infrastructure, "AZ IDs").
    private static readonly Dictionary<string, string> RegionsByAzPrefix = AwsCatalog.LatencyRegions
        .Select(region => (Region: region, Prefix: AzPrefixOf(region)))
        .Where(p => p.Prefix is not null)
        .ToDictionary(p => p.Prefix!, p => p.Region, StringComparer.Ordinal);

    private static string? AzPrefixOf(string region)
    {
        var match = RegionSyntax().Match(region);
        if (!match.Success || !Directions.TryGetValue(match.Groups["direction"].Value, out var direction)) return null;
        return match.Groups["area"].Value + (match.Groups["gov"].Success ? "g" : "") + direction + match.Groups["number"].Value;
    }

    /// <summary>The region of an Availability Zone ID (use1-az1 → us-east-1); null when it is not one Route 53 can know.</summary>
    public static string? RegionOfAvailabilityZone(string id)
    {
        var match = AvailabilityZoneSyntax().Match(id);
        return match.Success && RegionsByAzPrefix.TryGetValue(match.Groups["prefix"].Value, out var region) ? region : null;
    }

    /// <summary>The region of a Zone Group id (us-east-1-zg-1 → us-east-1); null otherwise.</summary>
    public static string? RegionOfZoneGroup(string id)
    {
        var match = ZoneGroupSyntax().Match(id);
        return match.Success && AwsCatalog.LatencyRegions.Contains(match.Groups["region"].Value) ? match.Groups["region"].Value : null;
    }

    public static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : region.StartsWith("eusc-", StringComparison.Ordinal) ? "aws-eusc"
        : "aws";

    /// <summary>An Availability Zone name (us-east-1a), which the API reference says not to give: names map to different zones
    /// in each account.</summary>
    public static bool IsAvailabilityZoneName(string id) =>
        id.Length > 1 && AwsCatalog.LatencyRegions.Contains(id[..^1]) && char.IsAsciiLetterLower(id[^1]);

    /// <summary>A Local Zone group (us-east-1-bos-1) or Local Zone ID (use1-bos1-az1): not AZ-affinity locations.</summary>
    public static bool IsLocalZone(string id) => LocalZoneGroupSyntax().IsMatch(id) || LocalZoneIdSyntax().IsMatch(id);

    [GeneratedRegex(@"^(?<area>[a-z]{2})-(?<gov>gov-)?(?<direction>[a-z]+)-(?<number>[0-9]+)\z")]
    private static partial Regex RegionSyntax();

    [GeneratedRegex(@"^(?<prefix>[a-z]+[0-9]+)-az[0-9]+\z")]
    private static partial Regex AvailabilityZoneSyntax();

    [GeneratedRegex(@"^(?<region>[a-z]{2,4}(-gov)?-[a-z]+-[0-9]+)-zg-[0-9]+\z")]
    private static partial Regex ZoneGroupSyntax();

    [GeneratedRegex(@"^[a-z]{2}(-gov)?-[a-z]+-[0-9]+-[a-z]{3,}-[0-9]+\z")]
    private static partial Regex LocalZoneGroupSyntax();

    [GeneratedRegex(@"^[a-z]+[0-9]+-[a-z]{3,}[0-9]+-az[0-9]+\z")]
    private static partial Regex LocalZoneIdSyntax();
}
