using System.Xml.Linq;

namespace Failover.Local.Realism.Records;

/// <summary>
/// moto 5.2.1 deletes a record set named by SetIdentifier by removing every record set with that identifier in the
/// zone, whatever its name and type (Route 53 removes only the one). Weighted and failover trees reuse identifiers
/// such as "primary" under many names, so the layer appends UPSERTs to such a batch that put back what moto would
/// wrongly remove: moto then ends in the state Route 53 would.
/// </summary>
public static class MotoDeleteRepair
{
    /// <summary>The request to send moto instead, or null when the batch needs no repair.</summary>
    public static XDocument? Repair(XDocument request, IEnumerable<ZoneRecordSet> zone, IReadOnlyList<RecordChange> changes)
    {
        var deletedIdentifiers = changes
            .Where(change => change.Action == "DELETE" && change.RecordSet.SetIdentifier is not null)
            .Select(change => change.RecordSet.SetIdentifier!)
            .ToHashSet(StringComparer.Ordinal);
        if (deletedIdentifiers.Count == 0) return null;

        var state = zone.ToDictionary(recordSet => recordSet.Key);
        ChangeBatchRules.Apply(state, changes, strict: false);
        var survivors = state.Values.Where(recordSet => recordSet.SetIdentifier is { } id && deletedIdentifiers.Contains(id)).ToList();
        if (survivors.Count == 0) return null;

        var repaired = new XDocument(request);
        var ns = repaired.Root!.Name.Namespace;
        var list = repaired.Root.Element(ns + "ChangeBatch")!.Element(ns + "Changes")!;
        foreach (var survivor in survivors)
            list.Add(new XElement(ns + "Change", new XElement(ns + "Action", "UPSERT"), AsRequestElement(survivor, ns)));
        return repaired;
    }

    private static XElement AsRequestElement(ZoneRecordSet recordSet, XNamespace ns)
    {
        var element = new XElement(recordSet.Element);
        foreach (var node in element.DescendantsAndSelf()) node.Name = ns + node.Name.LocalName;
        if (recordSet.IsAlias) element.Elements().Where(child => child.Name.LocalName is "TTL" or "ResourceRecords").Remove();
        return element;
    }
}
