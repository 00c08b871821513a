using System.Xml.Linq;

namespace Failover.Local.Realism.Records;

/// <summary>
/// moto 5.2.1 lists an alias record set with <c>&lt;TTL&gt;0&lt;/TTL&gt;</c> (and may add an empty ResourceRecords).
/// Route 53 lists an alias with AliasTarget alone: the API reference of ResourceRecordSet says TTL and ResourceRecords
/// are omitted for an alias, which takes its TTL and values from its target. The layer takes both out of moto's answer.
/// </summary>
public static class AliasListing
{
    /// <summary>Removes TTL and ResourceRecords from every alias in a ListResourceRecordSets answer; true when it changed.</summary>
    public static bool Rewrite(XDocument answer)
    {
        var root = answer.Root;
        if (root is null || root.Name.LocalName != "ListResourceRecordSetsResponse") return false;
        var ns = root.Name.Namespace;
        var extra = root.Element(ns + "ResourceRecordSets")?.Elements(ns + "ResourceRecordSet")
            .Where(recordSet => recordSet.Element(ns + "AliasTarget") is not null)
            .SelectMany(recordSet => recordSet.Elements().Where(child => child.Name.LocalName is "TTL" or "ResourceRecords"))
            .ToList() ?? [];
        foreach (var element in extra) element.Remove();
        return extra.Count > 0;
    }
}
