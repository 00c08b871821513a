using System.Xml.Linq;
using Failover.Core.Route53;

namespace Failover.Reliability.Stack;

/// <summary>
/// Records someone else writes into the zone (through the edge, as any Route 53 client): a plain A record at a key a
/// tree wants, with the routing fields of that key so Route 53 accepts it beside the tree's records.
/// </summary>
public static class ForeignRecords
{
    public const string Value = "203.0.113.99";

    /// <summary>The foreign record set at <paramref name="target"/>'s key: same routing, own TTL and value, no health check.</summary>
    public static XElement At(ResourceRecordSet target)
    {
        var ns = MotoReader.Ns;
        var set =
            new XElement(ns + "ResourceRecordSet", new XElement(ns + "Name", target.Name + "."), new XElement(ns + "Type", target.Type));
        if (target.SetIdentifier is { } id) set.Add(new XElement(ns + "SetIdentifier", id));
        if (target.Weight is { } weight) set.Add(new XElement(ns + "Weight", weight));
        if (target.Region is { } region) set.Add(new XElement(ns + "Region", region));
        if (target.GeoLocation is { } geo)
            set.Add(new XElement(ns + "GeoLocation",
                geo.ContinentCode is null ? null : new XElement(ns + "ContinentCode", geo.ContinentCode),
                geo.CountryCode is null ? null : new XElement(ns + "CountryCode", geo.CountryCode),
                geo.SubdivisionCode is null ? null : new XElement(ns + "SubdivisionCode", geo.SubdivisionCode)));
        // A failover record is the foreign side's SECONDARY even where the tree wants a PRIMARY: Route 53 wants a
        // health check on a non-alias PRIMARY, and a SECONDARY at the same key collides just the same.
        if (target.Failover is not null) set.Add(new XElement(ns + "Failover", "SECONDARY"));
        if (target.MultiValueAnswer == true) set.Add(new XElement(ns + "MultiValueAnswer", "true"));
        set.Add(new XElement(ns + "TTL", 300),
            new XElement(ns + "ResourceRecords", new XElement(ns + "ResourceRecord", new XElement(ns + "Value", Value))));
        return set;
    }

    /// <summary>A simple (unrouted) record at <paramref name="name"/>: Route 53 then refuses any routed record there.</summary>
    public static XElement SimpleAt(string name, string type)
    {
        var ns = MotoReader.Ns;
        return new XElement(ns + "ResourceRecordSet", new XElement(ns + "Name", name + "."), new XElement(ns + "Type", type),
            new XElement(ns + "TTL", 300),
            new XElement(ns + "ResourceRecords", new XElement(ns + "ResourceRecord", new XElement(ns + "Value", Value))));
    }

    public static XElement Batch(string action, XElement recordSet)
    {
        var ns = MotoReader.Ns;
        return new XElement(ns + "ChangeBatch", new XElement(ns + "Changes",
            new XElement(ns + "Change", new XElement(ns + "Action", action), new XElement(recordSet))));
    }

    /// <summary>The key a listed record set has (<see cref="ListedRecordSet.Key"/>) for a record set of the core model.</summary>
    public static string KeyOf(ResourceRecordSet record) => $"{record.Name} {record.Type} {record.SetIdentifier}";
}
