using Failover.Core.Spec;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using System.Xml;
using System.Xml.Linq;
using Failover.Core.Route53;

namespace Failover.Aws.Route53;

/// <summary>ResourceRecordSet and Change elements, in the member order of the Route 53 API.</summary>
internal static class RecordSetXml
{
    public static void WriteChange(XmlWriter writer, RecordChange change)
    {
        writer.Start("Change");
        writer.Element("Action", change.Action switch
        {
            ChangeAction.Create => "CREATE",
            ChangeAction.Upsert => "UPSERT",
            ChangeAction.Delete => "DELETE",
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Action, "Unknown change action."),
        });
        WriteRecordSet(writer, change.RecordSet);
        writer.WriteEndElement();
    }

    public static void WriteRecordSet(XmlWriter writer, ResourceRecordSet record)
    {
        if (record.HealthCheckId is { } healthCheck && healthCheck.StartsWith("{{", StringComparison.Ordinal))
            throw new ArgumentException(
                $"Record {record.Key} still refers to the health check placeholder {healthCheck}; create the health check and put its id " +
                    $"in the record first.",
                nameof(record));
        if (record.CidrRoutingConfig is { } config && config.CollectionId.StartsWith("{{", StringComparison.Ordinal))
            throw new ArgumentException(
                $"Record {record.Key} still refers to the CIDR collection placeholder {config.CollectionId}; create the collection and " +
                    "put its id in the record first.",
                nameof(record));
        writer.Start("ResourceRecordSet");
        writer.Element("Name", DnsNames.ToWire(record.Name));
        writer.Element("Type", record.Type);
        writer.Element("SetIdentifier", record.SetIdentifier);
        writer.Element("Weight", record.Weight);
        writer.Element("Region", record.Region);
        if (record.GeoLocation is { } geo)
        {
            writer.Start("GeoLocation");
            writer.Element("ContinentCode", geo.ContinentCode);
            writer.Element("CountryCode", geo.CountryCode);
            writer.Element("SubdivisionCode", geo.SubdivisionCode);
            writer.WriteEndElement();
        }
        writer.Element("Failover", record.Failover);
        writer.Element("MultiValueAnswer", record.MultiValueAnswer);
        writer.Element("TTL", record.Ttl);
        if (record.ResourceRecords.Count > 0)
        {
            writer.Start("ResourceRecords");
            foreach (var value in record.ResourceRecords)
            {
                writer.Start("ResourceRecord");
                writer.Element("Value", value);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        if (record.AliasTarget is { } alias)
        {
            writer.Start("AliasTarget");
            writer.Element("HostedZoneId", alias.HostedZoneId);
            writer.Element("DNSName", DnsNames.ToWire(alias.DnsName));
            writer.Element("EvaluateTargetHealth", alias.EvaluateTargetHealth);
            writer.WriteEndElement();
        }
        writer.Element("HealthCheckId", record.HealthCheckId);
        if (record.CidrRoutingConfig is { } cidr)
        {
            writer.Start("CidrRoutingConfig");
            writer.Element("CollectionId", cidr.CollectionId);
            writer.Element("LocationName", cidr.LocationName);
            writer.WriteEndElement();
        }
        if (record.GeoProximityLocation is { } place)
        {
            writer.Start("GeoProximityLocation");
            writer.Element("AWSRegion", place.AwsRegion);
            writer.Element("LocalZoneGroup", place.LocalZoneGroup);
            if (place.Latitude is not null || place.Longitude is not null)
            {
                writer.Start("Coordinates");
                writer.Element("Latitude", place.Latitude);
                writer.Element("Longitude", place.Longitude);
                writer.WriteEndElement();
            }
            writer.Element("Bias", place.Bias);
            writer.WriteEndElement();
        }
        // API reference, AZAffinity: both members, in the order the reference lists them.
        if (record.AzAffinity is { } az)
        {
            writer.Start("AZAffinity");
            writer.Element("LocationId", az.LocationId);
            writer.Element("LocationType", az.LocationType);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    public static ResourceRecordSet ReadRecordSet(XElement element)
    {
        var geo = element.Node("GeoLocation");
        var alias = element.Node("AliasTarget");
        var cidr = element.Node("CidrRoutingConfig");
        var place = element.Node("GeoProximityLocation");
        var coordinates = place?.Node("Coordinates");
        var az = element.Node("AZAffinity");
        return new ResourceRecordSet
        {
            Name = DnsNames.FromWire(element.Required("Name")),
            Type = element.Required("Type"),
            SetIdentifier = element.Child("SetIdentifier"),
            Weight = element.Long("Weight"),
            Region = element.Child("Region"),
            GeoLocation = geo is null ? null
                : new GeoLocation(geo.Child("ContinentCode"), geo.Child("CountryCode"), geo.Child("SubdivisionCode")),
            Failover = element.Child("Failover"),
            MultiValueAnswer = element.Bool("MultiValueAnswer"),
            // Route 53 never gives an alias a TTL (it takes the target's); emulators answer 0, which is not one.
            Ttl = alias is null ? element.Long("TTL") : null,
            ResourceRecords = element.Nodes("ResourceRecords", "ResourceRecord").Select(r => r.Required("Value")).ToList(),
            AliasTarget = alias is null
                ? null
                : new AliasTarget(alias.Required("HostedZoneId"), DnsNames.FromWire(alias.Required("DNSName")),
                    alias.Bool("EvaluateTargetHealth") ?? false),
            HealthCheckId = element.Child("HealthCheckId"),
            CidrRoutingConfig = cidr is null ? null : new CidrRoutingConfig(cidr.Required("CollectionId"), cidr.Required("LocationName")),
            GeoProximityLocation = place is null ? null
                : new GeoProximityLocation(place.Child("AWSRegion"), place.Child("LocalZoneGroup"), coordinates?.Child("Latitude"),
                    coordinates?.Child("Longitude"), (int?)place.Long("Bias")),
            AzAffinity = az is null ? null : new AzAffinity(az.Required("LocationType"), az.Required("LocationId")),
        };
    }

    public static ChangeInfo ReadChangeInfo(XElement element) => new(
        Route53Ids.Bare(element.Required("Id")),
        element.Required("Status"),
        element.Time("SubmittedAt") ?? throw new FormatException("Route 53's <ChangeInfo> has no <SubmittedAt>."),
        element.Child("Comment"));
}
