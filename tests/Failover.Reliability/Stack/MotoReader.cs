using System.Net;
using System.Text;
using System.Xml.Linq;
using Failover.Local.Aws;

namespace Failover.Reliability.Stack;

/// <summary>A record set exactly as Route 53 listed it: its key, its element's text, and the fields the audits read.</summary>
public sealed record ListedRecordSet(string Name, string Type, string? SetIdentifier, string Xml, string? HealthCheckId,
    string? AliasDnsName)
{
    /// <summary>Name, type and set identifier, as Route 53 tells record sets apart.</summary>
    public string Key => $"{Name} {Type} {SetIdentifier}";

    /// <summary>The element's text without its health check id (ids differ between runs that recreate a check).</summary>
    public string Shape =>
        HealthCheckId is null ? Xml : Xml.Replace($"<HealthCheckId>{HealthCheckId}</HealthCheckId>", "", StringComparison.Ordinal);
}

/// <summary>A health check as Route 53 listed it, with its tags.</summary>
public sealed record ListedHealthCheck(string Id, string CallerReference, string ConfigXml, IReadOnlyDictionary<string, string> Tags)
{
    public string? Tree => Tags.GetValueOrDefault("failover:tree");
    public string? Node => Tags.GetValueOrDefault("failover:node");
}

/// <summary>
/// Route 53's REST-XML API spoken directly (signed by the SDK's signer), not through the service's own client: the
/// independent reader of what the zone holds, and the "someone else" who writes to it. Pointed at moto it reads
/// without going through the realism layer (no faults, not counted); pointed at the edge it writes as any client would.
/// </summary>
public sealed class MotoReader(Uri endpoint) : IDisposable
{
    public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";
    private readonly HttpClient _http = SignedHttp.Create("route53", endpoint, TimeSpan.FromSeconds(60));

    /// <summary>Every record set of the zone, in Route 53's order, page after page (ListResourceRecordSets).</summary>
    public async Task<IReadOnlyList<ListedRecordSet>> RecordSetsAsync(string zoneId, CancellationToken cancellationToken = default)
    {
        var records = new List<ListedRecordSet>();
        string? query = "maxitems=300";
        while (query is not null)
        {
            var page = await GetXmlAsync($"/2013-04-01/hostedzone/{zoneId}/rrset?{query}", cancellationToken);
            foreach (var set in page.Root!.Element(Ns + "ResourceRecordSets")!.Elements(Ns + "ResourceRecordSet"))
            {
                var alias = set.Element(Ns + "AliasTarget");
                records.Add(new ListedRecordSet(
                    set.Element(Ns + "Name")!.Value.TrimEnd('.').ToLowerInvariant(), set.Element(Ns + "Type")!.Value,
                    set.Element(Ns + "SetIdentifier")?.Value, set.ToString(SaveOptions.DisableFormatting),
                    set.Element(Ns + "HealthCheckId")?.Value, alias?.Element(Ns + "DNSName")?.Value.TrimEnd('.').ToLowerInvariant()));
            }
            query = page.Root!.Element(Ns + "IsTruncated")?.Value == "true"
                ? $"maxitems=300&name={Uri.EscapeDataString(page.Root.Element(Ns + "NextRecordName")!.Value)}"
                  + $"&type={page.Root.Element(Ns + "NextRecordType")!.Value}"
                  + (page.Root.Element(Ns + "NextRecordIdentifier")?.Value is { } next ? $"&identifier={Uri.EscapeDataString(next)}" : "")
                : null;
        }
        return records;
    }

    /// <summary>Every health check of the account with its tags.</summary>
    public async Task<IReadOnlyList<ListedHealthCheck>> HealthChecksAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<(string Id, string Reference, string Config)>();
        string? marker = null;
        do
        {
            var page =
                await GetXmlAsync("/2013-04-01/healthcheck?maxitems=1000"
                + (marker is null ? "" : $"&marker={Uri.EscapeDataString(marker)}"), cancellationToken);
            foreach (var check in page.Root!.Element(Ns + "HealthChecks")!.Elements(Ns + "HealthCheck"))
                checks.Add((check.Element(Ns + "Id")!.Value, check.Element(Ns + "CallerReference")!.Value,
                    check.Element(Ns + "HealthCheckConfig")?.ToString(SaveOptions.DisableFormatting) ?? ""));
            marker = page.Root!.Element(Ns + "IsTruncated")?.Value == "true" ? page.Root.Element(Ns + "NextMarker")?.Value : null;
        } while (marker is not null);

        var tags = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var chunk in checks.Select(c => c.Id).Chunk(10))
        {
            var body = new XDocument(new XElement(Ns + "ListTagsForResourcesRequest",
                new XElement(Ns + "ResourceIds", chunk.Select(id => new XElement(Ns + "ResourceId", id)))));
            var answer = await SendXmlAsync(HttpMethod.Post, "/2013-04-01/tags/healthcheck", body, cancellationToken);
            foreach (var set in answer.Root!.Element(Ns + "ResourceTagSets")!.Elements(Ns + "ResourceTagSet"))
                tags[set.Element(Ns + "ResourceId")!.Value] = (set.Element(Ns + "Tags")?.Elements(Ns + "Tag") ?? [])
                    .ToDictionary(t => t.Element(Ns + "Key")!.Value, t => t.Element(Ns + "Value")?.Value ?? "", StringComparer.Ordinal);
        }
        return checks.Select(c =>
            new ListedHealthCheck(c.Id, c.Reference, c.Config, tags.GetValueOrDefault(c.Id) ?? new Dictionary<string, string>())).ToList();
    }

    /// <summary>ChangeResourceRecordSets with a batch in the AWS CLI's JSON shape is not needed: the batch is XML here.</summary>
    public async Task ChangeAsync(string zoneId, XElement changeBatch, CancellationToken cancellationToken = default)
    {
        var body = new XDocument(new XElement(Ns + "ChangeResourceRecordSetsRequest", changeBatch));
        await SendXmlAsync(HttpMethod.Post, $"/2013-04-01/hostedzone/{zoneId}/rrset", body, cancellationToken);
    }

    /// <summary>A health check someone else made (no tags unless given).</summary>
    public async Task<string> CreateHealthCheckAsync(string callerReference, string ip,
        IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        var body = new XDocument(new XElement(Ns + "CreateHealthCheckRequest",
            new XElement(Ns + "CallerReference", callerReference),
            new XElement(Ns + "HealthCheckConfig",
                new XElement(Ns + "IPAddress", ip), new XElement(Ns + "Port", 443), new XElement(Ns + "Type", "HTTPS"),
                new XElement(Ns + "ResourcePath", "/health"), new XElement(Ns + "RequestInterval", 30),
                    new XElement(Ns + "FailureThreshold", 3))));
        var answer = await SendXmlAsync(HttpMethod.Post, "/2013-04-01/healthcheck", body, cancellationToken);
        var id = answer.Root!.Element(Ns + "HealthCheck")!.Element(Ns + "Id")!.Value;
        if (tags is { Count: > 0 })
        {
            var tagging = new XDocument(new XElement(Ns + "ChangeTagsForResourceRequest",
                new XElement(Ns + "AddTags",
                    tags.Select(t => new XElement(Ns + "Tag", new XElement(Ns + "Key", t.Key), new XElement(Ns + "Value", t.Value))))));
            await SendXmlAsync(HttpMethod.Post, $"/2013-04-01/tags/healthcheck/{id}", tagging, cancellationToken);
        }
        return id;
    }

    /// <summary>A public hosted zone; returns its bare id.</summary>
    public async Task<string> CreateZoneAsync(string name, CancellationToken cancellationToken = default)
    {
        var body = new XDocument(new XElement(Ns + "CreateHostedZoneRequest",
            new XElement(Ns + "Name", name), new XElement(Ns + "CallerReference", Guid.NewGuid().ToString())));
        var answer = await SendXmlAsync(HttpMethod.Post, "/2013-04-01/hostedzone", body, cancellationToken);
        return answer.Root!.Element(Ns + "HostedZone")!.Element(Ns + "Id")!.Value.Split('/').Last();
    }

    private Task<XDocument> GetXmlAsync(string path, CancellationToken cancellationToken) =>
        SendXmlAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<XDocument> SendXmlAsync(HttpMethod method, string path, XDocument? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content =
                new StringContent(body.Declaration + body.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/xml");
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new Route53CallFailedException(response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        // ChangeTagsForResource answers an empty ChangeTagsForResourceResponse, which moto sends as no body at all.
        return text.Trim().Length == 0 ? new XDocument(new XElement(Ns + "Empty")) : XDocument.Parse(text);
    }

    public void Dispose() => _http.Dispose();
}

public sealed class Route53CallFailedException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
