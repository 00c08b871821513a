using Failover.Core.Spec;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using System.Globalization;
using System.Xml.Linq;

namespace Failover.Aws.Route53;

public sealed partial class Route53Client
{
    public async Task<HostedZone> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancellationToken = default)
    {
        var root = await SendAsync(Get("GetHostedZone", $"/hostedzone/{Route53Ids.Escape(hostedZoneId)}"), cancellationToken)
            .ConfigureAwait(false);
        var zone = ReadHostedZone(Required(root, "HostedZone"));
        return zone with { Vpcs = root.Nodes("VPCs", "VPC").Select(ReadVpc).ToList() };
    }

    /// <summary>Hosted zones in name order (labels reversed), from <paramref name="dnsName"/> on.</summary>
    public async Task<HostedZonePage> ListHostedZonesByNameAsync(
        string? dnsName = null, string? hostedZoneId = null, int? maxItems = null, CancellationToken cancellationToken = default)
    {
        var query = Query(
            ("dnsname", dnsName is null ? null : DnsNames.ToWire(dnsName)),
            ("hostedzoneid", hostedZoneId is null ? null : Route53Ids.Bare(hostedZoneId)),
            ("maxitems", maxItems?.ToString(CultureInfo.InvariantCulture)));
        var root = await SendAsync(Get("ListHostedZonesByName", "/hostedzonesbyname" + query), cancellationToken).ConfigureAwait(false);
        var zones = root.Nodes("HostedZones", "HostedZone").Select(ReadHostedZone).ToList();
        var truncated = root.Bool("IsTruncated") ?? false;
        return new HostedZonePage(
            zones,
            truncated ? root.Child("NextDNSName") is { } next ? DnsNames.FromWire(next) : null : null,
            truncated ? root.Child("NextHostedZoneId") is { } id ? Route53Ids.Bare(id) : null : null);
    }

    /// <summary>
    /// The hosted zones named exactly <paramref name="dnsName"/>, public and private (<see cref="HostedZone.PrivateZone"/>): a
    /// name can have one public zone and private ones beside it (Developer Guide, "Considerations when working with a private
    /// hosted zone", split-view DNS), so the caller chooses by privacy, never by taking the first.
    /// </summary>
    public async Task<IReadOnlyList<HostedZone>> FindHostedZonesAsync(string dnsName, CancellationToken cancellationToken = default)
    {
        var wanted = DnsNames.FromWire(dnsName);
        var page = await ListHostedZonesByNameAsync(wanted, maxItems: 100, cancellationToken: cancellationToken).ConfigureAwait(false);
        return page.HostedZones.Where(z => z.Name == wanted).ToList();
    }

    /// <summary>
    /// Creates a hosted zone: public, or private and associated with <paramref name="vpc"/> (API reference,
    /// CreateHostedZone: "To create a private hosted zone, specify the VPC"). Not repeated when its answer is lost: a
    /// repeat with the same CallerReference fails with HostedZoneAlreadyExists rather than returning the zone.
    /// </summary>
    public async Task<CreatedHostedZone> CreateHostedZoneAsync(
        string name, string callerReference, string? comment = null, CancellationToken cancellationToken = default,
        ZoneVpc? vpc = null)
    {
        // The request's elements in the order of the API reference: Name, VPC, CallerReference, HostedZoneConfig.
        var body = Route53Xml.Document("CreateHostedZoneRequest", w =>
        {
            w.Element("Name", DnsNames.ToWire(name));
            if (vpc is not null)
            {
                w.Start("VPC");
                w.Element("VPCRegion", vpc.Region);
                w.Element("VPCId", vpc.Id);
                w.WriteEndElement();
            }
            w.Element("CallerReference", callerReference);
            if (comment is null && vpc is null) return;
            w.Start("HostedZoneConfig");
            if (comment is not null) w.Element("Comment", comment);
            if (vpc is not null) w.Element("PrivateZone", "true");
            w.WriteEndElement();
        });
        var root = await SendAsync(Post("CreateHostedZone", "/hostedzone", body, safeToRepeat: false), cancellationToken)
            .ConfigureAwait(false);
        var zone = ReadHostedZone(Required(root, "HostedZone"));
        return new CreatedHostedZone(
            root.Node("VPC") is { } associated ? zone with { Vpcs = [ReadVpc(associated)] } : zone,
            RecordSetXml.ReadChangeInfo(Required(root, "ChangeInfo")),
            root.Node("DelegationSet")?.Nodes("NameServers", "NameServer").Select(n => n.Value).ToList() ?? []);
    }

    private static HostedZone ReadHostedZone(XElement zone)
    {
        var config = zone.Node("Config");
        return new HostedZone(
            Route53Ids.Bare(zone.Required("Id")),
            DnsNames.FromWire(zone.Required("Name")),
            zone.Child("CallerReference") ?? "",
            config?.Child("Comment"),
            config?.Bool("PrivateZone") ?? false,
            zone.Long("ResourceRecordSetCount"));
    }

    private static ZoneVpc ReadVpc(XElement vpc) => new(vpc.Child("VPCRegion") ?? "", vpc.Required("VPCId"));
}
