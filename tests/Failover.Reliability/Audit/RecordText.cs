using System.Xml.Linq;
using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Reliability.Stack;

namespace Failover.Reliability.Audit;

/// <summary>
/// One line per record set, every field Route 53 keeps, so what the tree wants and what the zone lists compare as text.
/// The health check is named by the node whose check it is: the id a run got cannot be known in advance.
/// </summary>
public static class RecordText
{
    public static string OfDesired(ResourceRecordSet record) =>
        Line(record.Name, record.Type, record.SetIdentifier, record.Weight?.ToString(), record.Region,
            record.GeoLocation is { } geo ? $"{geo.ContinentCode}/{geo.CountryCode}/{geo.SubdivisionCode}" : null,
            record.Failover, record.MultiValueAnswer == true ? "true" : null, record.IsAlias ? null : record.Ttl?.ToString(),
            record.ResourceRecords,
            record.AliasTarget is { } alias
                ? $"{alias.HostedZoneId}/{alias.DnsName.TrimEnd('.').ToLowerInvariant()}/{(alias.EvaluateTargetHealth ? "true" : "false")}"
                : null,
            HealthCheckPlaceholder.TryGetNodeId(record.HealthCheckId, out var node) ? "node:" + node : record.HealthCheckId);

    /// <param name="nodeOfCheck">The node a health check id belongs to (by its tags), or null for a check that is not the tree's.</param>
    public static string OfListed(ListedRecordSet record, Func<string, string?> nodeOfCheck)
    {
        var ns = MotoReader.Ns;
        var set = XElement.Parse(record.Xml);
        string? Field(string name) => set.Element(ns + name)?.Value;
        var geo = set.Element(ns + "GeoLocation");
        var alias = set.Element(ns + "AliasTarget");
        var values = set.Element(ns + "ResourceRecords")?.Elements(ns + "ResourceRecord")
            .Select(r => r.Element(ns + "Value")!.Value).ToList() ?? [];
        var check = record.HealthCheckId is { } id ? nodeOfCheck(id) is { } owner ? "node:" + owner : id : null;
        return Line(record.Name, record.Type, record.SetIdentifier, Field("Weight"), Field("Region"),
            geo is null ? null
                : $"{geo.Element(ns + "ContinentCode")?.Value}/{geo.Element(ns + "CountryCode")?.Value}/" +
                    $"{geo.Element(ns + "SubdivisionCode")?.Value}",
            Field("Failover"), Field("MultiValueAnswer") == "true" ? "true" : null,
            // moto lists a TTL on alias records (Route 53 does not): an alias's TTL is its target's.
            alias is null ? Field("TTL") : null, values,
            alias is null ? null
                : $"{alias.Element(ns + "HostedZoneId")?.Value}/{alias.Element(ns + "DNSName")?.Value.TrimEnd('.').ToLowerInvariant()}/" +
                    $"{alias.Element(ns + "EvaluateTargetHealth")?.Value}",
            check);
    }

    private static string Line(string name, string type, string? setIdentifier, string? weight, string? region, string? geo,
        string? failover,
        string? multivalue, string? ttl, IEnumerable<string> values, string? alias, string? healthCheck) =>
        $"{name.TrimEnd('.').ToLowerInvariant()} {type} [{setIdentifier}] weight={weight} region={region} geo={geo} failover={failover} "
        + $"multivalue={multivalue} ttl={ttl} values={string.Join(",", values.Order(StringComparer.Ordinal))} alias={alias} " +
            $"check={healthCheck}";
}
