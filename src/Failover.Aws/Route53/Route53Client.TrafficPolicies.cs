using System.Globalization;
using System.Xml.Linq;
using Failover.Core.Spec;
using Failover.Service.Ports.Route53;

namespace Failover.Aws.Route53;

/// <summary>
/// Traffic Flow: the calls <c>failover import-traffic-policy --policy-id</c> reads a policy and its policy records with, and
/// the two that make them (tests and the local stack's demonstration).
/// </summary>
public sealed partial class Route53Client : ITrafficPolicies
{
    /// <summary>API reference, GetTrafficPolicy: <c>GET /2013-04-01/trafficpolicy/{Id}/{Version}</c>.</summary>
    public async Task<TrafficPolicy> GetTrafficPolicyAsync(string id, int version, CancellationToken cancellationToken = default)
    {
        var path = $"/trafficpolicy/{Route53Ids.Escape(id)}/{version.ToString(CultureInfo.InvariantCulture)}";
        var root = await SendAsync(Get("GetTrafficPolicy", path), cancellationToken).ConfigureAwait(false);
        return ReadTrafficPolicy(Required(root, "TrafficPolicy"));
    }

    /// <summary>
    /// API reference, ListTrafficPolicyInstancesByPolicy: pages of at most 100, the next one named by the three markers
    /// (<c>hostedzoneid</c>, <c>trafficpolicyinstancename</c>, <c>trafficpolicyinstancetype</c>) while IsTruncated.
    /// </summary>
    public async Task<IReadOnlyList<TrafficPolicyInstance>> ListTrafficPolicyInstancesByPolicyAsync(string id, int version,
        CancellationToken cancellationToken = default)
    {
        var instances = new List<TrafficPolicyInstance>();
        (string? Zone, string? Name, string? Type) marker = (null, null, null);
        while (true)
        {
            var query = Query(("id", id), ("version", version.ToString(CultureInfo.InvariantCulture)), ("hostedzoneid", marker.Zone),
                ("trafficpolicyinstancename", marker.Name), ("trafficpolicyinstancetype", marker.Type));
            var root = await SendAsync(Get("ListTrafficPolicyInstancesByPolicy", "/trafficpolicyinstances/trafficpolicy" + query),
                cancellationToken).ConfigureAwait(false);
            instances.AddRange(root.Nodes("TrafficPolicyInstances", "TrafficPolicyInstance").Select(ReadTrafficPolicyInstance));
            if (root.Bool("IsTruncated") != true) return instances;
            marker = (root.Child("HostedZoneIdMarker"), root.Child("TrafficPolicyInstanceNameMarker"),
                root.Child("TrafficPolicyInstanceTypeMarker"));
        }
    }

    /// <summary>API reference, CreateTrafficPolicy: version 1 of a new policy. Not repeated when its answer is lost.</summary>
    public async Task<TrafficPolicy> CreateTrafficPolicyAsync(string name, string document, string? comment = null,
        CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("CreateTrafficPolicyRequest", w =>
        {
            w.Element("Name", name);
            w.Element("Document", document);
            w.Element("Comment", comment);
        });
        var root = await SendAsync(Post("CreateTrafficPolicy", "/trafficpolicy", body, safeToRepeat: false), cancellationToken)
            .ConfigureAwait(false);
        return ReadTrafficPolicy(Required(root, "TrafficPolicy"));
    }

    /// <summary>API reference, CreateTrafficPolicyInstance: a policy record at a name. Not repeated when its answer is lost.</summary>
    public async Task<TrafficPolicyInstance> CreateTrafficPolicyInstanceAsync(string hostedZoneId, string name, long ttl,
        string policyId, int policyVersion, CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("CreateTrafficPolicyInstanceRequest", w =>
        {
            w.Element("HostedZoneId", Route53Ids.Bare(hostedZoneId));
            w.Element("Name", DnsNames.ToWire(name));
            w.Element("TTL", ttl);
            w.Element("TrafficPolicyId", policyId);
            w.Element("TrafficPolicyVersion", policyVersion);
        });
        var root = await SendAsync(Post("CreateTrafficPolicyInstance", "/trafficpolicyinstance", body, safeToRepeat: false),
            cancellationToken).ConfigureAwait(false);
        return ReadTrafficPolicyInstance(Required(root, "TrafficPolicyInstance"));
    }

    private static TrafficPolicy ReadTrafficPolicy(XElement policy) => new(
        policy.Required("Id"), policy.Int("Version") ?? 0, policy.Required("Name"), policy.Required("Type"), policy.Required("Document"),
        policy.Child("Comment"));

    private static TrafficPolicyInstance ReadTrafficPolicyInstance(XElement instance) => new(
        instance.Required("Id"), Route53Ids.Bare(instance.Required("HostedZoneId")), DnsNames.FromWire(instance.Required("Name")),
        instance.Long("TTL") ?? 0, instance.Child("State") ?? "", instance.Child("Message"), instance.Required("TrafficPolicyId"),
        instance.Int("TrafficPolicyVersion") ?? 0, instance.Child("TrafficPolicyType") ?? "");
}
