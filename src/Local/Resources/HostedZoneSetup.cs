using System.Xml.Linq;
using Failover.Local.Realism;
using Failover.Local.Realism.Records;

namespace Failover.Local.Resources;

/// <summary>
/// Hosted zones by name and privacy: an existing zone of that name and kind is reused, otherwise one is created. A name can
/// have a public zone and a private one at once (split-view DNS), so a zone is matched on both.
/// </summary>
public static class HostedZoneSetup
{
    /// <summary>Returns the hosted zone id (without the /hostedzone/ prefix).</summary>
    /// <param name="vpc">The VPC of a private zone; null for a public zone.</param>
    public static async Task<string> EnsureAsync(HttpClient route53, string zoneName, CancellationToken cancellationToken,
        LocalVpc? vpc = null)
    {
        var name = DnsName.Normalize(zoneName);
        var ns = Route53ErrorResponse.Namespace;
        var existing = await ReadAsync(route53.GetAsync(
            $"/2013-04-01/hostedzonesbyname?dnsname={Uri.EscapeDataString(name)}&maxitems=100", cancellationToken), cancellationToken);
        var wantPrivate = vpc is not null ? "true" : "false";
        var zone = existing.Root!.Element(ns + "HostedZones")?.Elements(ns + "HostedZone")
            .FirstOrDefault(candidate => DnsName.Normalize(candidate.Element(ns + "Name")?.Value ?? "") == name
                && (candidate.Element(ns + "Config")?.Element(ns + "PrivateZone")?.Value ?? "false") == wantPrivate);
        if (zone is not null) return DnsName.ZoneId(zone.Element(ns + "Id")!.Value);

        // API reference, CreateHostedZone: a request with a VPC creates a private zone associated with that VPC.
        var request = new XDocument(new XElement(ns + "CreateHostedZoneRequest",
            new XElement(ns + "Name", DnsName.Qualified(name)),
            vpc is null ? null : new XElement(ns + "VPC", new XElement(ns + "VPCRegion", vpc.Region), new XElement(ns + "VPCId", vpc.Id)),
            new XElement(ns + "CallerReference", $"failover-local-{name}-{Guid.NewGuid():N}"),
            new XElement(ns + "HostedZoneConfig",
                new XElement(ns + "Comment", "created by the failover local stack"),
                new XElement(ns + "PrivateZone", wantPrivate))));
        using var content = new StringContent(request.ToString(SaveOptions.DisableFormatting), System.Text.Encoding.UTF8, "text/xml");
        var created = await ReadAsync(route53.PostAsync("/2013-04-01/hostedzone", content, cancellationToken), cancellationToken);
        return DnsName.ZoneId(created.Root!.Element(ns + "HostedZone")!.Element(ns + "Id")!.Value);
    }

    private static async Task<XDocument> ReadAsync(Task<HttpResponseMessage> call, CancellationToken cancellationToken)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Route 53 (moto) answered {(int)response.StatusCode}: {body}");
        return XDocument.Parse(body);
    }
}
