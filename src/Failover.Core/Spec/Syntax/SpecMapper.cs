using Failover.Core.Spec;
using Failover.Core.Diagnostics;

namespace Failover.Core.Spec.Syntax;

/// <summary>
/// Turns the parsed document into a <see cref="TreeSpec"/>, collecting every type and field problem at once. The tree
/// it returns is partial when there are problems (bad fields read as absent, unreadable nodes are left out), so the
/// validator can still look at the rest.
/// </summary>
internal sealed class SpecMapper
{
    private static readonly Dictionary<string, RoutingPolicy> Routings = Enum.GetValues<RoutingPolicy>().ToDictionary(SpecFields.Name);
    private static readonly Dictionary<string, DriftPolicy> DriftPolicies = Enum.GetValues<DriftPolicy>().ToDictionary(SpecFields.Name);

    private readonly List<SpecDiagnostic> _diagnostics = [];

    public IReadOnlyList<SpecDiagnostic> Diagnostics => _diagnostics;

    public TreeSpec? Map(SpecValue document)
    {
        var fields = FieldReader.Open(document, "$", "the tree spec", SpecFields.Tree, _diagnostics);
        if (fields is null) return null;
        fields.String("$schema");
        var defaults = fields.Get("healthCheckDefaults");
        var root = fields.Get("root", required: true);
        var dualStack = fields.Get("recordTypes") is not null && DualStackOf(fields);
        var spec = new TreeSpec
        {
            Name = fields.String("name", required: true) ?? "",
            HostedZoneId = fields.String("hostedZoneId", required: true) ?? "",
            ZoneName = DnsNames.Normalize(fields.String("zoneName", required: true) ?? ""),
            RecordName = DnsNames.Normalize(fields.String("recordName", required: true) ?? ""),
            RecordType = dualStack ? "A" : fields.String("recordType", required: fields.Get("recordTypes") is null) ?? "",
            DualStack = dualStack,
            Ttl = fields.Integer("ttl") ?? 60,
            DriftPolicy = fields.Choice("driftPolicy", DriftPolicies),
            HealthCheckDefaults = defaults is null ? null : MapHealthCheck(defaults, fields.PathOf("healthCheckDefaults")),
            Root = (root is null ? null : MapNode(root, fields.PathOf("root"))) ?? new TreeNode { Id = "", Path = fields.PathOf("root") },
            Adopt = fields.Get("adopt") is { } adopt ? MapAdopt(adopt, fields.PathOf("adopt")) : null,
        };
        return fields.Get("attachments") is { } attachments
            ? spec with { Attachments = MapAttachments(attachments, fields.PathOf("attachments"), spec.First) }
            : spec;
    }

    /// <summary>
    /// <c>recordTypes</c>: a dual-stack tree is A and AAAA, the two address families of one name (Developer Guide, "Supported
    /// DNS record types"); any other list, or one beside <c>recordType</c>, is refused.
    /// </summary>
    private bool DualStackOf(FieldReader fields)
    {
        var types = fields.StringList("recordTypes");
        if (types is null) return false;
        if (fields.Get("recordType") is { } single)
        {
            _diagnostics.Add(FieldReader.At(fields.PathOf("recordType"),
                "give recordType (one type) or recordTypes ([\"A\", \"AAAA\"] for a dual-stack tree), not both", single));
            return false;
        }
        if (types.Count == 2 && types.Order(StringComparer.Ordinal).SequenceEqual(TreeSpec.DualStackTypes)) return true;
        _diagnostics.Add(FieldReader.At(fields.PathOf("recordTypes"),
            "recordTypes is [\"A\", \"AAAA\"], a dual-stack tree; for one type write recordType", fields.Get("recordTypes")!));
        return false;
    }

    /// <summary>
    /// The attachments besides the first (the top-level fields). An attachment may leave out zoneName when the top level
    /// or an earlier attachment names the same zone: the zone's apex is the same for every name in it.
    /// </summary>
    private List<TreeAttachment> MapAttachments(SpecValue value, string path, TreeAttachment first)
    {
        if (value.Kind != ValueKind.Array)
        {
            _diagnostics.Add(FieldReader.At(path, $"expected an array of attachments, found {value.Describe()}", value));
            return [];
        }
        var zoneNames = new Dictionary<string, string>(StringComparer.Ordinal) { [first.HostedZoneId] = first.ZoneName };
        var attachments = new List<TreeAttachment>(value.Items.Count);
        for (var i = 0; i < value.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var fields = FieldReader.Open(value.Items[i], itemPath, "an attachment", SpecFields.Attachment, _diagnostics);
            if (fields is null) continue;
            var zoneId = fields.String("hostedZoneId", required: true) ?? "";
            var zoneName = fields.String("zoneName") is { } given ? DnsNames.Normalize(given) : zoneNames.GetValueOrDefault(zoneId, "");
            zoneNames.TryAdd(zoneId, zoneName);
            attachments.Add(new TreeAttachment(zoneId, zoneName, DnsNames.Normalize(fields.String("recordName", required: true) ?? ""))
            {
                Path = itemPath,
            });
        }
        return attachments;
    }

    private AdoptSpec? MapAdopt(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "an adoption", SpecFields.Adopt, _diagnostics);
        if (fields is null) return null;
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields.Get("healthChecks") is { } map)
        {
            if (map.Kind != ValueKind.Object)
                _diagnostics.Add(FieldReader.At(fields.PathOf("healthChecks"),
                    $"expected an object of node id to health check id, found {map.Describe()}", map));
            else
                foreach (var (node, id) in map.Members)
                {
                    if (id.Kind == ValueKind.String) checks[node] = id.Text!;
                    else _diagnostics.Add(FieldReader.At(FieldReader.Child(fields.PathOf("healthChecks"), node),
                        $"expected a health check id (a string), found {id.Describe()}", id));
                }
        }
        return new AdoptSpec { HealthChecks = checks };
    }

    private TreeNode? MapNode(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "a tree node", SpecFields.Node, _diagnostics, ExplainUnknownNodeField);
        if (fields is null) return null;
        var primary = fields.Get("primary");
        var secondary = fields.Get("secondary");
        var endpoint = fields.Get("endpoint");
        var alias = fields.Get("alias");
        var location = fields.Get("location");
        var geoproximity = fields.Get("geoproximity");
        var cidr = fields.Get("cidr");
        var azAffinity = fields.Get("azAffinity");
        var healthCheck = fields.Get("healthCheck");
        return new TreeNode
        {
            Id = fields.String("id", required: true) ?? "",
            Path = path,
            Weight = fields.Integer("weight"),
            Region = fields.String("region"),
            Location = location is null ? null : MapLocation(location, fields.PathOf("location")),
            Geoproximity = geoproximity is null ? null : MapGeoproximity(geoproximity, fields.PathOf("geoproximity")),
            Cidr = cidr is null ? null : MapCidr(cidr, fields.PathOf("cidr")),
            AzAffinity = azAffinity is null ? null : MapAzAffinity(azAffinity, fields.PathOf("azAffinity")),
            Routing = fields.Choice("routing", Routings),
            Primary = primary is null ? null : MapNode(primary, fields.PathOf("primary")),
            Secondary = secondary is null ? null : MapNode(secondary, fields.PathOf("secondary")),
            Children = MapChildren(fields),
            Endpoint = endpoint is null ? null : MapEndpoint(endpoint, fields.PathOf("endpoint")),
            Alias = alias is null ? null : MapAlias(alias, fields.PathOf("alias")),
            HealthCheck = healthCheck is null ? null : MapHealthCheck(healthCheck, fields.PathOf("healthCheck")),
            HealthCheckId = fields.String("healthCheckId"),
            HelperName = fields.String("helperName") is { } helper ? DnsNames.Normalize(helper) : null,
            SetIdentifier = fields.String("setIdentifier"),
        };
    }

    private List<TreeNode> MapChildren(FieldReader fields)
    {
        var value = fields.Get("children");
        if (value is null) return [];
        if (value.Kind != ValueKind.Array)
        {
            _diagnostics.Add(
                FieldReader.At(fields.PathOf("children"), $"expected an array of tree nodes, found {value.Describe()}", value));
            return [];
        }
        var children = new List<TreeNode>(value.Items.Count);
        for (var i = 0; i < value.Items.Count; i++)
        {
            var child = MapNode(value.Items[i], $"{fields.PathOf("children")}[{i}]");
            if (child is not null) children.Add(child);
        }
        return children;
    }

    private EndpointSpec? MapEndpoint(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "an endpoint", SpecFields.Endpoint, _diagnostics);
        if (fields is null) return null;
        var healthCheck = fields.Get("healthCheck");
        return new EndpointSpec
        {
            Values = fields.StringList("values", required: true) ?? [],
            Ttl = fields.Integer("ttl"),
            HealthCheck = healthCheck is null ? null : MapHealthCheck(healthCheck, fields.PathOf("healthCheck")),
            HealthCheckId = fields.String("healthCheckId"),
        };
    }

    private AliasSpec? MapAlias(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "an alias", SpecFields.Alias, _diagnostics, name => name == "ttl"
            // Route 53 takes an alias record's TTL from its target and refuses one on the alias itself.
            ? "alias records have no TTL: Route 53 uses the target's TTL; remove ttl"
            : null);
        if (fields is null) return null;
        return new AliasSpec
        {
            DnsName = DnsNames.Normalize(fields.String("dnsName", required: true) ?? ""),
            HostedZoneId = fields.String("hostedZoneId", required: true) ?? "",
            EvaluateTargetHealth = fields.Boolean("evaluateTargetHealth") ?? true,
        };
    }

    private GeoLocationSpec? MapLocation(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "a location", SpecFields.Location, _diagnostics);
        if (fields is null) return null;
        return new GeoLocationSpec
        {
            Continent = fields.String("continent"),
            Country = fields.String("country"),
            Subdivision = fields.String("subdivision"),
            IsDefault = fields.Boolean("default") ?? false,
        };
    }

    private GeoProximitySpec? MapGeoproximity(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "a geoproximity location", SpecFields.Geoproximity, _diagnostics);
        if (fields is null) return null;
        var coordinates = fields.Get("coordinates");
        string? latitude = null, longitude = null;
        if (coordinates is not null
            && FieldReader.Open(coordinates, fields.PathOf("coordinates"), "coordinates", SpecFields.Coordinates, _diagnostics) is { } at)
        {
            latitude = at.NumberText("latitude", required: true);
            longitude = at.NumberText("longitude", required: true);
        }
        return new GeoProximitySpec
        {
            AwsRegion = fields.String("region"),
            LocalZoneGroup = fields.String("localZoneGroup"),
            HasCoordinates = coordinates is not null,
            Latitude = latitude,
            Longitude = longitude,
            Bias = fields.Integer("bias"),
        };
    }

    private CidrLocationSpec? MapCidr(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "a CIDR location", SpecFields.Cidr, _diagnostics);
        if (fields is null) return null;
        return new CidrLocationSpec
        {
            Location = fields.String("location"),
            Blocks = fields.StringList("blocks") ?? [],
            IsDefault = fields.Boolean("default") ?? false,
        };
    }

    private AzAffinitySpec? MapAzAffinity(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "an AZ-affinity location", SpecFields.AzAffinity, _diagnostics);
        if (fields is null) return null;
        return new AzAffinitySpec { Type = fields.String("type", required: true), Id = fields.String("id") };
    }

    private HealthCheckSettings? MapHealthCheck(SpecValue value, string path)
    {
        var fields = FieldReader.Open(value, path, "health check settings", SpecFields.HealthCheck, _diagnostics);
        if (fields is null) return null;
        return new HealthCheckSettings
        {
            Type = fields.String("type"),
            Port = fields.Int32("port"),
            Path = fields.String("path"),
            Fqdn = fields.String("fqdn") is { } fqdn ? DnsNames.Normalize(fqdn) : null,
            SearchString = fields.String("searchString"),
            RequestInterval = fields.Int32("requestInterval"),
            FailureThreshold = fields.Int32("failureThreshold"),
            Regions = fields.StringList("regions"),
            MeasureLatency = fields.Boolean("measureLatency"),
            Inverted = fields.Boolean("inverted"),
            EnableSni = fields.Boolean("enableSni"),
            Target = fields.String("target"),
            Children = fields.StringList("children"),
            ChildHealthCheckIds = fields.StringList("childHealthCheckIds"),
            HealthThreshold = fields.Int32("healthThreshold"),
            AlarmName = fields.String("alarmName"),
            AlarmRegion = fields.String("alarmRegion"),
            InsufficientDataHealthStatus = fields.String("insufficientDataHealthStatus"),
            RoutingControlArn = fields.String("routingControlArn"),
        };
    }

    private static string? ExplainUnknownNodeField(string name) => name switch
    {
        "ttl" or "values" => $"{name} belongs inside the node's endpoint object",
        "dnsName" or "evaluateTargetHealth" => $"{name} belongs inside the node's alias object",
        _ => null,
    };
}
