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
        return ReadHostedZone(Required(root, "HostedZone"));
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

    /// <summary>The public hosted zones named exactly <paramref name="dnsName"/> (usually one), private ones left out.</summary>
    public async Task<IReadOnlyList<HostedZone>> FindPublicHostedZonesAsync(string dnsName, CancellationToken cancellationToken = default)
    {
        var wanted = DnsNames.FromWire(dnsName);
        var page = await ListHostedZonesByNameAsync(wanted, maxItems: 100, cancellationToken: cancellationToken).ConfigureAwait(false);
        return page.HostedZones.Where(z => z.Name == wanted && !z.PrivateZone).ToList();
    }

    /// <summary>
    /// Creates a public hosted zone. Not repeated when its answer is lost: a repeat with the same CallerReference
    /// fails with HostedZoneAlreadyExists rather than returning the zone.
    /// </summary>
    public async Task<CreatedHostedZone> CreateHostedZoneAsync(
        string name, string callerReference, string? comment = null, CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("CreateHostedZoneRequest", w =>
        {
            w.Element("Name", DnsNames.ToWire(name));
            w.Element("CallerReference", callerReference);
            if (comment is null) return;
            w.Start("HostedZoneConfig");
            w.Element("Comment", comment);
            w.WriteEndElement();
        });
        var root = await SendAsync(Post("CreateHostedZone", "/hostedzone", body, safeToRepeat: false), cancellationToken)
            .ConfigureAwait(false);
        return new CreatedHostedZone(
            ReadHostedZone(Required(root, "HostedZone")),
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
}
