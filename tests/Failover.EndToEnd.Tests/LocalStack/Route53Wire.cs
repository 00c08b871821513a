using System.Xml.Linq;
using Failover.Local.Aws;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// Signed Route 53 REST-XML calls, written out by hand so the tests see exactly what goes over the wire and what
/// comes back (status, error code, message), with nothing in between that retries or interprets.
/// </summary>
public sealed class Route53Wire : IDisposable
{
    public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";

    private readonly HttpClient _http;

    /// <param name="endpoint">The edge (with the realism layer) or moto itself.</param>
    public Route53Wire(Uri endpoint) => _http = SignedHttp.Create("route53", endpoint);

    public Task<Answer> ChangeAsync(string zoneId, params XElement[] changes) =>
        SendAsync(HttpMethod.Post, $"/2013-04-01/hostedzone/{zoneId}/rrset/",
            new XElement(Ns + "ChangeResourceRecordSetsRequest",
                new XElement(Ns + "ChangeBatch", new XElement(Ns + "Changes", changes))));

    public Task<Answer> CreateHealthCheckAsync(string callerReference, XElement config) =>
        SendAsync(HttpMethod.Post, "/2013-04-01/healthcheck",
            new XElement(Ns + "CreateHealthCheckRequest", new XElement(Ns + "CallerReference", callerReference), config));

    public Task<Answer> DeleteHealthCheckAsync(string id) => SendAsync(HttpMethod.Delete, $"/2013-04-01/healthcheck/{id}");

    public Task<Answer> GetChangeAsync(string changeId) =>
        SendAsync(HttpMethod.Get, "/2013-04-01/change/" + changeId.Replace("/change/", ""));

    public async Task<IReadOnlyList<XElement>> RecordSetsAsync(string zoneId)
    {
        var answer = await SendAsync(HttpMethod.Get, $"/2013-04-01/hostedzone/{zoneId}/rrset?maxitems=300");
        Assert.Equal(200, answer.Status);
        return answer.Body!.Root!.Element(Ns + "ResourceRecordSets")!.Elements(Ns + "ResourceRecordSet").ToList();
    }

    public async Task<IReadOnlyList<XElement>> HealthChecksAsync()
    {
        var answer = await SendAsync(HttpMethod.Get, "/2013-04-01/healthcheck?maxitems=100");
        Assert.Equal(200, answer.Status);
        return answer.Body!.Root!.Element(Ns + "HealthChecks")!.Elements(Ns + "HealthCheck").ToList();
    }

    public async Task<Answer> SendAsync(HttpMethod method, string path, XElement? body = null, bool closeConnection = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (closeConnection) request.Headers.ConnectionClose = true;
        if (body is not null)
            request.Content =
                new StringContent(new XDocument(body).ToString(SaveOptions.DisableFormatting), System.Text.Encoding.UTF8, "text/xml");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, text.Length == 0 ? null : XDocument.Parse(text), text);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A Route 53 answer: status, the XML, and the fields the tests look at.</summary>
    public sealed record Answer(int Status, XDocument? Body, string Text)
    {
        public string? ErrorCode => Body?.Root?.Element(Ns + "Error")?.Element(Ns + "Code")?.Value;
        public string? ErrorMessage => Body?.Root?.Element(Ns + "Error")?.Element(Ns + "Message")?.Value;
        public string? ChangeId => Body?.Root?.Element(Ns + "ChangeInfo")?.Element(Ns + "Id")?.Value;
        public string? ChangeStatus => Body?.Root?.Element(Ns + "ChangeInfo")?.Element(Ns + "Status")?.Value;
        public string? HealthCheckId => Body?.Root?.Element(Ns + "HealthCheck")?.Element(Ns + "Id")?.Value;
    }

    // Builders for the ResourceRecordSet shapes the tests use.

    public static XElement Change(string action, XElement recordSet) =>
        new(Ns + "Change", new XElement(Ns + "Action", action), recordSet);

    public static XElement Plain(string name, string type, params string[] values) =>
        RecordSet(name, type, null, [], values);

    public static XElement Weighted(string name, string setIdentifier, int weight, params string[] values) =>
        RecordSet(name, "A", setIdentifier, [new XElement(Ns + "Weight", weight)], values);

    public static XElement Latency(string name, string setIdentifier, string region, params string[] values) =>
        RecordSet(name, "A", setIdentifier, [new XElement(Ns + "Region", region)], values);

    public static XElement Alias(string name, string zoneId, string target, int? ttl = null) =>
        new(Ns + "ResourceRecordSet",
            new XElement(Ns + "Name", name),
            new XElement(Ns + "Type", "A"),
            ttl is null ? null : new XElement(Ns + "TTL", ttl),
            new XElement(Ns + "AliasTarget",
                new XElement(Ns + "HostedZoneId", zoneId),
                new XElement(Ns + "DNSName", target),
                new XElement(Ns + "EvaluateTargetHealth", "true")));

    public static XElement HealthCheckConfig(string ip, int port = 80, string path = "/health") =>
        new(Ns + "HealthCheckConfig",
            new XElement(Ns + "IPAddress", ip),
            new XElement(Ns + "Port", port),
            new XElement(Ns + "Type", "HTTP"),
            new XElement(Ns + "ResourcePath", path));

    private static XElement RecordSet(string name, string type, string? setIdentifier, XElement[] policy, string[] values) =>
        new(Ns + "ResourceRecordSet",
            new XElement(Ns + "Name", name),
            new XElement(Ns + "Type", type),
            setIdentifier is null ? null : new XElement(Ns + "SetIdentifier", setIdentifier),
            policy,
            new XElement(Ns + "TTL", 60),
            new XElement(Ns + "ResourceRecords",
                values.Select(value => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", value)))));
}
