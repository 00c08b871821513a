using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Failover.Local.Realism.Records;
using Microsoft.AspNetCore.Http;

namespace Failover.Local.Realism.TrafficFlow;

/// <summary>
/// The Traffic Flow calls moto does not have, answered in the REST-XML shapes of the Route 53 API reference:
/// CreateTrafficPolicy, GetTrafficPolicy, CreateTrafficPolicyInstance and ListTrafficPolicyInstancesByPolicy. Policies and
/// policy records live in memory for the life of the stack. A policy record here is only its registration: Route 53 would
/// also create the policy's records in the zone, which this emulation does not (an import reads the policy, not the records).
/// </summary>
public sealed class TrafficFlowEmulation(MotoRoute53Reader zones)
{
    /// <summary>API reference, ListTrafficPolicyInstancesByPolicy: "Route 53 returns a maximum of 100 items in each response".</summary>
    public const int MaxItems = 100;

    private static readonly XNamespace Ns = Route53ErrorResponse.Namespace;
    private readonly Lock _gate = new();
    private readonly List<StoredPolicy> _policies = [];
    private readonly List<StoredInstance> _instances = [];

    public const string CreateTrafficPolicy = nameof(CreateTrafficPolicy);
    public const string GetTrafficPolicy = nameof(GetTrafficPolicy);
    public const string CreateTrafficPolicyInstance = nameof(CreateTrafficPolicyInstance);
    public const string ListTrafficPolicyInstancesByPolicy = nameof(ListTrafficPolicyInstancesByPolicy);

    public static bool Handles(string operation) =>
        operation is CreateTrafficPolicy or GetTrafficPolicy or CreateTrafficPolicyInstance or ListTrafficPolicyInstancesByPolicy;

    public Task HandleAsync(HttpContext context, Route53Operation operation) => operation.Name switch
    {
        CreateTrafficPolicy => CreatePolicyAsync(context),
        GetTrafficPolicy => GetPolicyAsync(context, operation.TrafficPolicyId!, operation.TrafficPolicyVersion!),
        CreateTrafficPolicyInstance => CreateInstanceAsync(context),
        _ => ListByPolicyAsync(context),
    };

    private async Task CreatePolicyAsync(HttpContext context)
    {
        var request = await ReadRequestAsync(context);
        var name = request?.Element(Ns + "Name")?.Value;
        var document = request?.Element(Ns + "Document")?.Value;
        if (string.IsNullOrEmpty(name) || document is null)
        {
            await Route53ErrorResponse.WriteAsync(context.Response, 400, "InvalidInput", "Name and Document are required");
            return;
        }
        if (RecordTypeOf(document) is not { } type)
        {
            await Route53ErrorResponse.WriteAsync(context.Response, 400, "InvalidTrafficPolicyDocument",
                "The traffic policy document is not a JSON object with a RecordType");
            return;
        }
        var policy = new StoredPolicy(Guid.NewGuid().ToString(), 1, name, type, document, request!.Element(Ns + "Comment")?.Value);
        bool taken;
        lock (_gate)
        {
            taken = _policies.Any(p => p.Name == name);
            if (!taken) _policies.Add(policy);
        }
        if (taken)
        {
            // API reference, CreateTrafficPolicy errors: "A traffic policy that has the same value for Name already exists."
            await Route53ErrorResponse.WriteAsync(context.Response, 409, "TrafficPolicyAlreadyExists",
                $"A traffic policy named {name} already exists");
            return;
        }
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = $"https://route53.amazonaws.com/2013-04-01/trafficpolicy/{policy.Id}/{policy.Version}";
        await WriteAsync(context, "CreateTrafficPolicyResponse", PolicyElement(policy));
    }

    private async Task GetPolicyAsync(HttpContext context, string id, string version)
    {
        StoredPolicy? policy;
        lock (_gate) policy = _policies.FirstOrDefault(p => p.Id == id && p.Version.ToString(CultureInfo.InvariantCulture) == version);
        if (policy is null)
        {
            await NoSuchPolicyAsync(context, id, version);
            return;
        }
        await WriteAsync(context, "GetTrafficPolicyResponse", PolicyElement(policy));
    }

    private async Task CreateInstanceAsync(HttpContext context)
    {
        var request = await ReadRequestAsync(context);
        string? Field(string name) => request?.Element(Ns + name)?.Value;
        var zoneId = DnsName.ZoneId(Field("HostedZoneId") ?? "");
        var name = Field("Name");
        var policyId = Field("TrafficPolicyId");
        var version = Field("TrafficPolicyVersion");
        if (zoneId.Length == 0 || string.IsNullOrEmpty(name) || policyId is null || version is null
            || !long.TryParse(Field("TTL"), CultureInfo.InvariantCulture, out var ttl))
        {
            await Route53ErrorResponse.WriteAsync(context.Response, 400, "InvalidInput",
                "HostedZoneId, Name, TTL, TrafficPolicyId and TrafficPolicyVersion are required");
            return;
        }
        if (await zones.ZoneNameAsync(zoneId, context.RequestAborted) is not { } zoneName)
        {
            await Route53ErrorResponse.WriteAsync(context.Response, 404, "NoSuchHostedZone", $"No hosted zone found with ID: {zoneId}");
            return;
        }
        var normalized = DnsName.Normalize(name);
        if (normalized != zoneName && !normalized.EndsWith("." + zoneName, StringComparison.Ordinal))
        {
            await Route53ErrorResponse.WriteAsync(context.Response, 400, "InvalidInput",
                $"{DnsName.Qualified(normalized)} is not in the hosted zone {DnsName.Qualified(zoneName)}");
            return;
        }
        StoredInstance? instance = null;
        StoredPolicy? policy;
        lock (_gate)
        {
            policy = _policies.FirstOrDefault(p => p.Id == policyId && p.Version.ToString(CultureInfo.InvariantCulture) == version);
            if (policy is not null && !_instances.Any(i => i.ZoneId == zoneId && i.Name == normalized && i.Type == policy.Type))
            {
                instance = new StoredInstance(Guid.NewGuid().ToString(), zoneId, normalized, ttl, policy);
                _instances.Add(instance);
            }
        }
        if (policy is null)
        {
            await NoSuchPolicyAsync(context, policyId, version);
            return;
        }
        if (instance is null)
        {
            await Route53ErrorResponse.WriteAsync(context.Response, 409, "TrafficPolicyInstanceAlreadyExists",
                $"A traffic policy instance for {DnsName.Qualified(normalized)} {policy.Type} already exists in {zoneId}");
            return;
        }
        context.Response.StatusCode = 201;
        context.Response.Headers.Location = $"https://route53.amazonaws.com/2013-04-01/trafficpolicyinstance/{instance.Id}";
        await WriteAsync(context, "CreateTrafficPolicyInstanceResponse", InstanceElement(instance));
    }

    /// <summary>
    /// Instances of one policy version in (hosted zone id, name, type) order; a page starts at the markers the previous one
    /// returned (API reference, ListTrafficPolicyInstancesByPolicy: HostedZoneIdMarker, TrafficPolicyInstanceNameMarker,
    /// TrafficPolicyInstanceTypeMarker, IsTruncated, MaxItems).
    /// </summary>
    private async Task ListByPolicyAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var id = query["id"].ToString();
        var version = query["version"].ToString();
        var maxItems = int.TryParse(query["maxitems"].ToString(), CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? Math.Min(asked, MaxItems) : MaxItems;
        List<StoredInstance>? matching = null;
        lock (_gate)
        {
            if (_policies.Any(p => p.Id == id && p.Version.ToString(CultureInfo.InvariantCulture) == version))
                matching = _instances.Where(i => i.Policy.Id == id && i.Policy.Version.ToString(CultureInfo.InvariantCulture) == version)
                    .OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        }
        if (matching is null)
        {
            await NoSuchPolicyAsync(context, id, version);
            return;
        }
        var zoneMarker = query["hostedzoneid"].ToString();
        if (zoneMarker.Length > 0)
        {
            var from = StoredInstance.KeyOf(DnsName.ZoneId(zoneMarker), DnsName.Normalize(query["trafficpolicyinstancename"].ToString()),
                query["trafficpolicyinstancetype"].ToString());
            matching = matching.Where(i => string.CompareOrdinal(i.Key, from) >= 0).ToList();
        }
        var page = matching.Take(maxItems).ToList();
        var next = matching.Count > maxItems ? matching[maxItems] : null;
        await WriteAsync(context, "ListTrafficPolicyInstancesByPolicyResponse",
            new XElement(Ns + "TrafficPolicyInstances", page.Select(InstanceElement)),
            next is null ? null : new XElement(Ns + "HostedZoneIdMarker", next.ZoneId),
            next is null ? null : new XElement(Ns + "TrafficPolicyInstanceNameMarker", DnsName.Qualified(next.Name)),
            next is null ? null : new XElement(Ns + "TrafficPolicyInstanceTypeMarker", next.Type),
            new XElement(Ns + "IsTruncated", next is null ? "false" : "true"),
            new XElement(Ns + "MaxItems", maxItems.ToString(CultureInfo.InvariantCulture)));
    }

    private static Task NoSuchPolicyAsync(HttpContext context, string id, string version) =>
        Route53ErrorResponse.WriteAsync(context.Response, 404, "NoSuchTrafficPolicy",
            $"No traffic policy found with ID {id} and version {version}");

    private static XElement PolicyElement(StoredPolicy policy) => new(Ns + "TrafficPolicy",
        new XElement(Ns + "Id", policy.Id),
        new XElement(Ns + "Version", policy.Version.ToString(CultureInfo.InvariantCulture)),
        new XElement(Ns + "Name", policy.Name),
        new XElement(Ns + "Type", policy.Type),
        new XElement(Ns + "Document", policy.Document),
        policy.Comment is null ? null : new XElement(Ns + "Comment", policy.Comment));

    // Member order of TrafficPolicyInstance in the API reference.
    private static XElement InstanceElement(StoredInstance instance) => new(Ns + "TrafficPolicyInstance",
        new XElement(Ns + "Id", instance.Id),
        new XElement(Ns + "HostedZoneId", instance.ZoneId),
        new XElement(Ns + "Name", DnsName.Qualified(instance.Name)),
        new XElement(Ns + "TTL", instance.Ttl.ToString(CultureInfo.InvariantCulture)),
        new XElement(Ns + "State", "Applied"),
        new XElement(Ns + "Message", ""),
        new XElement(Ns + "TrafficPolicyId", instance.Policy.Id),
        new XElement(Ns + "TrafficPolicyVersion", instance.Policy.Version.ToString(CultureInfo.InvariantCulture)),
        new XElement(Ns + "TrafficPolicyType", instance.Policy.Type));

    private static Task WriteAsync(HttpContext context, string root, params object?[] content) =>
        Route53ErrorResponse.WriteXmlAsync(context.Response,
            new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement(Ns + root, content)));

    private static async Task<XElement?> ReadRequestAsync(HttpContext context)
    {
        try
        {
            return (await XDocument.LoadAsync(context.Request.Body, LoadOptions.None, context.RequestAborted)).Root;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string? RecordTypeOf(string document)
    {
        try
        {
            using var json = JsonDocument.Parse(document);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("RecordType", out var type) && type.ValueKind == JsonValueKind.String
                    ? type.GetString()!.ToUpperInvariant() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record StoredPolicy(string Id, int Version, string Name, string Type, string Document, string? Comment);

    private sealed record StoredInstance(string Id, string ZoneId, string Name, long Ttl, StoredPolicy Policy)
    {
        public string Type => Policy.Type;
        public string Key => KeyOf(ZoneId, Name, Type);
        public static string KeyOf(string zoneId, string name, string type) => $"{zoneId}\u0001{name}\u0001{type}";
    }
}
