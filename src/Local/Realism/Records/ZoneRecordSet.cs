using System.Xml.Linq;

namespace Failover.Local.Realism.Records;

/// <summary>
/// A resource record set as the realism layer reasons about it, read from a <c>ResourceRecordSet</c> element (the
/// same element in ChangeResourceRecordSets requests and ListResourceRecordSets responses).
/// </summary>
public sealed record ZoneRecordSet
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? SetIdentifier { get; init; }
    /// <summary>simple, weighted, latency, failover, geolocation, geoproximity, cidr or multivalue answer.</summary>
    public required string RoutingPolicy { get; init; }
    public bool HasTtl { get; init; }
    public bool HasResourceRecords { get; init; }
    /// <summary>The Value of each ResourceRecord element, in order (empty for an alias).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];
    public string? AliasHostedZoneId { get; init; }
    public string? AliasDnsName { get; init; }
    /// <summary>Every field in a canonical form: two record sets with the same values have the same fingerprint.</summary>
    public required string Fingerprint { get; init; }
    /// <summary>The element it was read from.</summary>
    public required XElement Element { get; init; }

    public bool IsAlias => AliasDnsName is not null;

    public RecordSetKey Key => new(Name, Type, SetIdentifier ?? "");

    /// <summary>How Route 53 names a record set in its messages.</summary>
    public string Describe() => SetIdentifier is null
        ? $"[name='{DnsName.Qualified(Name)}', type='{Type}']"
        : $"[name='{DnsName.Qualified(Name)}', type='{Type}', set-identifier='{SetIdentifier}']";

    public static ZoneRecordSet FromXml(XElement element)
    {
        var ns = element.Name.Namespace;
        string? Child(string name) => element.Element(ns + name)?.Value.Trim();
        var alias = element.Element(ns + "AliasTarget");
        var records = element.Element(ns + "ResourceRecords");
        return new ZoneRecordSet
        {
            Name = DnsName.Normalize(Child("Name") ?? ""),
            Type = (Child("Type") ?? "").ToUpperInvariant(),
            SetIdentifier = Child("SetIdentifier"),
            RoutingPolicy = PolicyOf(element),
            HasTtl = element.Element(ns + "TTL") is not null,
            HasResourceRecords = records is not null && records.Elements().Any(),
            Values = records?.Elements(ns + "ResourceRecord").Select(record => record.Element(ns + "Value")?.Value ?? "").ToList() ?? [],
            AliasHostedZoneId = alias?.Element(ns + "HostedZoneId") is { } zone ? DnsName.ZoneId(zone.Value) : null,
            AliasDnsName = alias?.Element(ns + "DNSName") is { } target ? DnsName.Normalize(target.Value) : null,
            Fingerprint = FingerprintOf(element, alias is not null),
            Element = element,
        };
    }

    // moto stores aliases with a TTL of 0 and reads may carry an empty ResourceRecords: neither is part of an alias.
    private static string FingerprintOf(XElement element, bool isAlias)
    {
        if (!isAlias) return Canonical(element);
        var copy = new XElement(element);
        copy.Elements().Where(child => child.Name.LocalName is "TTL" or "ResourceRecords").Remove();
        return Canonical(copy);
    }

    private static string PolicyOf(XElement element)
    {
        var ns = element.Name.Namespace;
        if (element.Element(ns + "Weight") is not null) return "weighted";
        if (element.Element(ns + "Region") is not null) return "latency";
        if (element.Element(ns + "Failover") is not null) return "failover";
        if (element.Element(ns + "GeoLocation") is not null) return "geolocation";
        if (element.Element(ns + "GeoProximityLocation") is not null) return "geoproximity";
        if (element.Element(ns + "CidrRoutingConfig") is not null) return "cidr";
        if (element.Element(ns + "AZAffinity") is not null) return "az affinity";
        if (element.Element(ns + "MultiValueAnswer")?.Value.Trim() == "true") return "multivalue answer";
        return "simple";
    }

    /// <summary>Elements sorted by name, values normalised (names, zone ids, booleans), resource records as a set.</summary>
    private static string Canonical(XElement element)
    {
        if (!element.HasElements) return Value(element.Name.LocalName, element.Value);
        var children = element.Elements()
            .Select(child => child.Name.LocalName + "=" + Canonical(child))
            .Order(StringComparer.Ordinal);
        return "{" + string.Join(";", children) + "}";
    }

    private static string Value(string elementName, string value) => elementName switch
    {
        "Name" or "DNSName" => DnsName.Normalize(value),
        "HostedZoneId" => DnsName.ZoneId(value),
        "Type" => value.Trim().ToUpperInvariant(),
        "EvaluateTargetHealth" or "MultiValueAnswer" => value.Trim().ToLowerInvariant(),
        _ => value.Trim(),
    };
}

/// <summary>What tells record sets apart in a zone: name, type and SetIdentifier ("" when absent).</summary>
public readonly record struct RecordSetKey(string Name, string Type, string SetIdentifier);
