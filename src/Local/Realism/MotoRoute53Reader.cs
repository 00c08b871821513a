using System.Net;
using System.Xml.Linq;
using Failover.Local.Realism.Records;

namespace Failover.Local.Realism;

/// <summary>
/// Reads the state the realism layer checks requests against straight from moto (not through the edge, so these reads
/// are neither counted nor throttled): a zone's name and records, the account's health checks.
/// </summary>
public sealed class MotoRoute53Reader(HttpClient route53)
{
    /// <summary>The zone's name (normalised), or null when moto has no such zone.</summary>
    public async Task<string?> ZoneNameAsync(string zoneId, CancellationToken cancellationToken)
    {
        using var response = await route53.GetAsync($"/2013-04-01/hostedzone/{Uri.EscapeDataString(zoneId)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var document = await ReadAsync(response, cancellationToken);
        var ns = document.Root!.Name.Namespace;
        var name = document.Root.Element(ns + "HostedZone")?.Element(ns + "Name")?.Value;
        return name is null ? null : DnsName.Normalize(name);
    }

    /// <summary>Every record set of the zone, following ListResourceRecordSets paging.</summary>
    public async Task<IReadOnlyList<ZoneRecordSet>> RecordSetsAsync(string zoneId, CancellationToken cancellationToken)
    {
        var recordSets = new List<ZoneRecordSet>();
        string? query = "";
        while (query is not null)
        {
            using var response = await route53.GetAsync(
                $"/2013-04-01/hostedzone/{Uri.EscapeDataString(zoneId)}/rrset?maxitems=300{query}", cancellationToken);
            var document = await ReadAsync(response, cancellationToken);
            var root = document.Root!;
            var ns = root.Name.Namespace;
            recordSets.AddRange(root.Element(ns + "ResourceRecordSets")?.Elements(ns + "ResourceRecordSet")
                .Select(ZoneRecordSet.FromXml) ?? []);
            query = root.Element(ns + "IsTruncated")?.Value == "true" ? NextPage(root) : null;
        }
        return recordSets;
    }

    private static string NextPage(XElement root)
    {
        var ns = root.Name.Namespace;
        var query = "&name=" + Uri.EscapeDataString(root.Element(ns + "NextRecordName")?.Value ?? "");
        if (root.Element(ns + "NextRecordType")?.Value is { } type) query += "&type=" + Uri.EscapeDataString(type);
        if (root.Element(ns + "NextRecordIdentifier")?.Value is { } identifier) query += "&identifier=" + Uri.EscapeDataString(identifier);
        return query;
    }

    /// <summary>Every health check moto holds (the HealthCheck elements), following ListHealthChecks paging.</summary>
    public async Task<IReadOnlyList<XElement>> HealthChecksAsync(CancellationToken cancellationToken)
    {
        var checks = new List<XElement>();
        string? marker = "";
        while (marker is not null)
        {
            using var response = await route53.GetAsync($"/2013-04-01/healthcheck?maxitems=100{marker}", cancellationToken);
            var document = await ReadAsync(response, cancellationToken);
            var root = document.Root!;
            var ns = root.Name.Namespace;
            checks.AddRange(root.Element(ns + "HealthChecks")?.Elements(ns + "HealthCheck") ?? []);
            marker = root.Element(ns + "IsTruncated")?.Value == "true" && root.Element(ns + "NextMarker")?.Value is { Length: > 0 } next
                ? "&marker=" + Uri.EscapeDataString(next)
                : null;
        }
        return checks;
    }

    /// <summary>
    /// The health checks with this CallerReference: moto's ListHealthChecks narrowed by the local stack's moto patch
    /// (failover-caller-reference), so a lookup does not read every check of the account. A moto without the patch
    /// answers them all, so callers still compare the reference.
    /// </summary>
    public async Task<IReadOnlyList<XElement>> HealthChecksWithReferenceAsync(string callerReference, CancellationToken cancellationToken)
    {
        using var response = await route53.GetAsync(
            $"/2013-04-01/healthcheck?failover-caller-reference={Uri.EscapeDataString(callerReference)}", cancellationToken);
        var document = await ReadAsync(response, cancellationToken);
        var ns = document.Root!.Name.Namespace;
        return document.Root.Element(ns + "HealthChecks")?.Elements(ns + "HealthCheck").ToList() ?? [];
    }

    /// <summary>One health check, or null when moto does not have it.</summary>
    public async Task<XElement?> HealthCheckAsync(string healthCheckId, CancellationToken cancellationToken)
    {
        using var response = await route53.GetAsync($"/2013-04-01/healthcheck/{Uri.EscapeDataString(healthCheckId)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var document = await ReadAsync(response, cancellationToken);
        return document.Root!.Element(document.Root.Name.Namespace + "HealthCheck");
    }

    private static async Task<XDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"moto answered {(int)response.StatusCode} to {response.RequestMessage?.RequestUri}: {body}");
        return XDocument.Parse(body);
    }
}
