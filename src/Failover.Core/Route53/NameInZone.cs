namespace Failover.Core.Route53;

/// <summary>
/// A record name within a hosted zone (null: the tree's own), compared as Route 53 compares names: case does not matter
/// and the final dot is optional (Developer Guide, "DNS domain name format"); the zone id is exact. The same name in two
/// zones is two places, each zone holding its own record sets (API reference, ChangeResourceRecordSets: Id).
/// </summary>
internal static class NameInZone
{
    public static IEqualityComparer<(string? Zone, string Name)> Comparer { get; } = new ZoneAndName();

    private sealed class ZoneAndName : IEqualityComparer<(string? Zone, string Name)>
    {
        public bool Equals((string? Zone, string Name) x, (string? Zone, string Name) y) =>
            string.Equals(x.Zone, y.Zone, StringComparison.Ordinal)
            && string.Equals(x.Name.TrimEnd('.'), y.Name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string? Zone, string Name) value) =>
            HashCode.Combine(value.Zone is null ? 0 : StringComparer.Ordinal.GetHashCode(value.Zone),
                StringComparer.OrdinalIgnoreCase.GetHashCode(value.Name.TrimEnd('.')));
    }
}
