namespace Failover.Core.Spec;

/// <summary>
/// Every field name the parser accepts, per object. The writer and the JSON Schema in <c>schemas/</c> use the same
/// names; a test walks the schema and compares, so they cannot drift apart.
/// </summary>
public static class SpecFields
{
    /// <summary>"$schema" lets editors find schemas/tree.schema.json; it carries no meaning for the tree.</summary>
    public static readonly IReadOnlyList<string> Tree =
        ["$schema", "name", "hostedZoneId", "zoneName", "recordName", "recordType", "recordTypes", "ttl", "driftPolicy",
            "healthCheckDefaults", "root", "adopt", "attachments"];

    public static readonly IReadOnlyList<string> Attachment = ["hostedZoneId", "zoneName", "recordName"];

    public static readonly IReadOnlyList<string> Node =
        ["id", "weight", "region", "location", "geoproximity", "cidr", "azAffinity", "routing", "primary", "secondary", "children",
            "endpoint", "alias", "healthCheck", "healthCheckId", "helperName", "setIdentifier"];

    public static readonly IReadOnlyList<string> Adopt = ["healthChecks"];

    public static readonly IReadOnlyList<string> Endpoint = ["values", "ttl", "healthCheck", "healthCheckId"];

    public static readonly IReadOnlyList<string> Alias = ["dnsName", "hostedZoneId", "evaluateTargetHealth"];

    public static readonly IReadOnlyList<string> Location = ["continent", "country", "subdivision", "default"];

    public static readonly IReadOnlyList<string> Geoproximity = ["region", "localZoneGroup", "coordinates", "bias"];

    public static readonly IReadOnlyList<string> Coordinates = ["latitude", "longitude"];

    public static readonly IReadOnlyList<string> Cidr = ["location", "blocks", "default"];

    public static readonly IReadOnlyList<string> AzAffinity = ["type", "id"];

    public static readonly IReadOnlyList<string> HealthCheck =
    [
        "type", "port", "path", "fqdn", "searchString", "requestInterval", "failureThreshold", "regions", "measureLatency",
        "inverted", "enableSni", "target", "children", "childHealthCheckIds", "healthThreshold", "alarmName", "alarmRegion",
        "insufficientDataHealthStatus", "routingControlArn",
    ];

    /// <summary>The spelling of each routing policy in the spec.</summary>
    public static string Name(RoutingPolicy routing) => routing switch
    {
        RoutingPolicy.Failover => "failover",
        RoutingPolicy.Weighted => "weighted",
        RoutingPolicy.Latency => "latency",
        RoutingPolicy.Geolocation => "geolocation",
        RoutingPolicy.Geoproximity => "geoproximity",
        RoutingPolicy.IpBased => "ip-based",
        RoutingPolicy.AzAffinity => "az-affinity",
        _ => "multivalue",
    };

    public static string Name(DriftPolicy policy) => policy == DriftPolicy.Repair ? "repair" : "report";
}
