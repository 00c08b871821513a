using System.Text.Json;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Import;

/// <summary>
/// Walks a policy document from its start rule or endpoint and builds the tree. A rule or endpoint referenced from
/// several places becomes several nodes (a tree has no shared subtrees), each with its own id.
/// </summary>
internal sealed class PolicyTreeBuilder(PolicyValues values, ImportOptions options, JsonElement? endpoints, JsonElement? rules,
    ValidationLimits limits)
{
    private static readonly IReadOnlyList<string> RuleTypes = ["failover", "weighted", "latency", "geo", "multivalue", "geoproximity"];
    private static readonly IReadOnlyList<string> ReferenceFields =
        ["EndpointReference", "RuleReference", "EvaluateTargetHealth", "HealthCheck"];

    private readonly NodeIds _ids = new();
    private readonly EndpointMapping _endpoints = new(values, options);
    private readonly HashSet<string> _usedRules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedEndpoints = new(StringComparer.Ordinal);
    private readonly List<string> _activeRules = [];
    private readonly Dictionary<string, (string Reference, string Definition)> _origins = new(StringComparer.Ordinal);
    private int _nodes;
    private bool _tooBig;

    public TreeNode? StartRule(string ruleId, string referencePath) =>
        Rule(ruleId, referencePath, "$.root", null);

    public TreeNode? StartEndpoint(string endpointId, string referencePath) =>
        Endpoint(endpointId, referencePath, "$.root", new ReferenceSettings(referencePath, null, null));

    /// <summary>Rules and endpoints the start never reaches are not imported; say so rather than lose them quietly.</summary>
    public void WarnUnreferenced()
    {
        if (rules is { } ruleObject)
        {
            foreach (var rule in ruleObject.EnumerateObject().Where(r => !_usedRules.Contains(r.Name)))
            {
                values.Warning(PolicyPath.Rule(rule.Name), $"rule {rule.Name} is not reachable from the start and is not imported");
            }
        }
        if (endpoints is { } endpointObject)
        {
            foreach (var endpoint in endpointObject.EnumerateObject().Where(e => !_usedEndpoints.Contains(e.Name)))
            {
                values.Warning(
                    PolicyPath.Endpoint(endpoint.Name), $"endpoint {endpoint.Name} is not referenced by any rule and is not imported");
            }
        }
    }

    private TreeNode? Rule(string ruleId, string referencePath, string nodePath, ReferenceSettings? reference)
    {
        if (rules is not { } ruleObject || !ruleObject.TryGetProperty(ruleId, out var rule))
        {
            values.Error(referencePath, $"no rule named {ruleId} in Rules");
            return null;
        }
        _usedRules.Add(ruleId);
        if (_activeRules.Contains(ruleId))
        {
            values.Error(
                referencePath, $"rule {ruleId} refers back to itself " +
                    $"({string.Join(" → ", _activeRules.SkipWhile(r => r != ruleId).Append(ruleId))}); a tree cannot loop");
            return null;
        }
        var path = PolicyPath.Rule(ruleId);
        if (rule.ValueKind != JsonValueKind.Object)
        {
            values.Error(path, $"a rule must be an object, not {PolicyValues.Describe(rule)}");
            return null;
        }
        if (!Admit(path, nodePath)) return null;
        _origins[nodePath] = (Slot(referencePath), path);
        if (reference is not null) WarnAboutRuleReference(reference);

        var type = values.String(rule, "RuleType", path, required: true);
        if (type is null) return null;
        var id = _ids.Allocate(ruleId);
        _activeRules.Add(ruleId);
        try
        {
            var node = type switch
            {
                "failover" => Failover(id, rule, path, nodePath),
                "weighted" => Children(id, RoutingPolicy.Weighted, rule, path, nodePath, "Items", ["Weight"], (slot, slotPath, node) =>
                    values.Integer(slot, "Weight", slotPath, 0, 255) is { } weight ? node with { Weight = weight }
                        : Required(slotPath, "Weight", "a weight from 0 to 255")),
                "latency" => Children(id, RoutingPolicy.Latency, rule, path, nodePath, "Regions", ["Region"], (slot, slotPath, node) =>
                    values.String(slot, "Region", slotPath, required: true) is { } region ? node with { Region = region } : null),
                "geo" =>
                    Children(id, RoutingPolicy.Geolocation, rule, path, nodePath, "Locations",
                    ["IsDefault", "Continent", "Country", "Subdivision"], (slot, slotPath, node) =>
                    Location(slot, slotPath) is { } location ? node with { Location = location } : null),
                "multivalue" =>
                    Children(id, RoutingPolicy.Multivalue, rule, path, nodePath, "Items", [],
                    (_, slotPath, node) => MultivalueLeaf(slotPath, node)),
                "geoproximity" =>
                    Children(id, RoutingPolicy.Geoproximity, rule, path, nodePath, "GeoproximityLocations",
                    ["Region", "LocalZoneGroup", "Latitude", "Longitude", "Coordinates", "Bias"], (slot, slotPath, node) =>
                    Geoproximity(slot, slotPath) is { } place ? node with { Geoproximity = place } : null),
                _ => Unsupported(path, rule, $"unknown RuleType \"{type}\" (expected one of {string.Join(", ", RuleTypes)})"),
            };
            // A HealthCheck on the RuleReference is the nested rule's own check (the spec's healthCheckId on a rule): its alias
            // record is healthy only while the check and its group are (API reference, "Traffic policy document format":
            // HealthCheck on a rule reference; ResourceRecordSet.HealthCheckId).
            return node is not null && reference?.HealthCheckId is { } healthCheck ? node with { HealthCheckId = healthCheck } : node;
        }
        finally
        {
            _activeRules.RemoveAt(_activeRules.Count - 1);
        }
    }

    private TreeNode? Failover(string id, JsonElement rule, string path, string nodePath)
    {
        values.WarnUnknownFields(rule, path, ["RuleType", "Primary", "Secondary"]);
        var primarySlot = values.Object(rule, "Primary", path, required: true);
        var secondarySlot = values.Object(rule, "Secondary", path, required: true);
        var primary = primarySlot is { } p ? Reference(p, PolicyPath.Property(path, "Primary"), nodePath + ".primary", []) : null;
        var secondary = secondarySlot is { } s ? Reference(s, PolicyPath.Property(path, "Secondary"), nodePath + ".secondary", []) : null;
        if (primary is null || secondary is null) return null;
        return new TreeNode { Id = id, Path = nodePath, Routing = RoutingPolicy.Failover, Primary = primary, Secondary = secondary };
    }

    private TreeNode? Children(string id, RoutingPolicy routing, JsonElement rule, string path, string nodePath, string listName,
        IReadOnlyList<string> attributeFields, Func<JsonElement, string, TreeNode, TreeNode?> withAttribute)
    {
        values.WarnUnknownFields(rule, path, ["RuleType", listName]);
        var list = values.Array(rule, listName, path, required: true);
        if (list is not { } slots) return null;
        if (slots.GetArrayLength() == 0) values.Error(PolicyPath.Property(path, listName), $"{listName} is empty: the rule routes nowhere");
        var children = new List<TreeNode>();
        var complete = true;
        var index = 0;
        foreach (var slot in slots.EnumerateArray())
        {
            var slotPath = PolicyPath.Index(PolicyPath.Property(path, listName), index);
            var childPath = $"{nodePath}.children[{children.Count}]";
            index++;
            if (slot.ValueKind != JsonValueKind.Object)
            {
                values.Error(slotPath, $"each entry of {listName} must be an object, not {PolicyValues.Describe(slot)}");
                complete = false;
                continue;
            }
            var child = Reference(slot, slotPath, childPath, attributeFields);
            var placed = child is null ? null : withAttribute(slot, slotPath, child);
            if (placed is null) complete = false;
            else children.Add(placed);
        }
        return complete ? new TreeNode { Id = id, Path = nodePath, Routing = routing, Children = children } : null;
    }

    private TreeNode? Reference(JsonElement slot, string slotPath, string nodePath, IReadOnlyList<string> attributeFields)
    {
        values.WarnUnknownFields(slot, slotPath, [.. ReferenceFields, .. attributeFields]);
        var endpointId = values.String(slot, "EndpointReference", slotPath);
        var ruleId = values.String(slot, "RuleReference", slotPath);
        var settings =
            new ReferenceSettings(slotPath, values.Bool(slot, "EvaluateTargetHealth", slotPath),
            values.String(slot, "HealthCheck", slotPath));
        if ((endpointId is null) == (ruleId is null))
        {
            values.Error(slotPath, "needs exactly one of EndpointReference and RuleReference");
            return null;
        }
        return ruleId is not null
            ? Rule(ruleId, PolicyPath.Property(slotPath, "RuleReference"), nodePath, settings)
            : Endpoint(endpointId!, PolicyPath.Property(slotPath, "EndpointReference"), nodePath, settings);
    }

    private TreeNode? Endpoint(string endpointId, string referencePath, string nodePath, ReferenceSettings settings)
    {
        if (endpoints is not { } endpointObject || !endpointObject.TryGetProperty(endpointId, out var endpoint))
        {
            values.Error(referencePath, $"no endpoint named {endpointId} in Endpoints");
            return null;
        }
        var firstUse = _usedEndpoints.Add(endpointId);
        if (!Admit(PolicyPath.Endpoint(endpointId), nodePath)) return null;
        _origins[nodePath] = (Slot(referencePath), PolicyPath.Endpoint(endpointId));
        if (firstUse && endpoint.ValueKind == JsonValueKind.Object)
        {
            values.WarnUnknownFields(endpoint, PolicyPath.Endpoint(endpointId), EndpointMapping.KnownFields);
        }
        var leaf = _endpoints.Map(endpointId, endpoint, settings);
        if (leaf is not { } mapped) return null;
        return new TreeNode
        {
            Id = _ids.Allocate(endpointId), Path = nodePath, Endpoint = mapped.Endpoint, Alias = mapped.Alias,
            HealthCheckId = mapped.Alias is null ? null : settings.HealthCheckId,
        };
    }

    private GeoLocationSpec? Location(JsonElement slot, string slotPath)
    {
        var isDefault = values.Bool(slot, "IsDefault", slotPath) ?? false;
        var continent = values.String(slot, "Continent", slotPath);
        var country = values.String(slot, "Country", slotPath);
        var subdivision = values.String(slot, "Subdivision", slotPath);
        // Traffic Flow writes the default location either as IsDefault or as Country "*".
        if (country == "*") (isDefault, country) = (true, null);
        var given = (isDefault ? 1 : 0) + (continent is null ? 0 : 1) + (country is null ? 0 : 1);
        if (given != 1 || (subdivision is not null && country is null))
        {
            values.Error(slotPath, "a location is exactly one of IsDefault, a Continent, or a Country (with an optional Subdivision)");
            return null;
        }
        return new GeoLocationSpec { IsDefault = isDefault, Continent = continent, Country = country, Subdivision = subdivision };
    }

    /// <summary>
    /// A GeoproximityLocations entry: Region "aws:route53:us-east-1" (a Local Zone group is written the same way), or Latitude
    /// and Longitude (also read from a Coordinates object), and Bias; the spec's own rules then check each value.
    /// </summary>
    private GeoProximitySpec? Geoproximity(JsonElement slot, string slotPath)
    {
        const string prefix = "aws:route53:";
        var region = values.String(slot, "Region", slotPath);
        var group = values.String(slot, "LocalZoneGroup", slotPath);
        if (region is not null && region.StartsWith(prefix, StringComparison.Ordinal)) region = region[prefix.Length..];
        if (group is not null && group.StartsWith(prefix, StringComparison.Ordinal)) group = group[prefix.Length..];
        if (region is not null && group is null && region.Count(c => c == '-') > 2) (group, region) = (region, null);
        var coordinates = values.Object(slot, "Coordinates", slotPath) ?? slot;
        var latitude = NumberText(coordinates, "Latitude");
        var longitude = NumberText(coordinates, "Longitude");
        // GeoProximityLocation.Bias: -99 to 99; Traffic Flow documents may write it as a string.
        var bias = values.Integer(slot, "Bias", slotPath, -99, 99);
        var given = (region is null ? 0 : 1) + (group is null ? 0 : 1) + (latitude is null && longitude is null ? 0 : 1);
        if (given != 1)
        {
            values.Error(slotPath, "a geoproximity location is exactly one of Region, LocalZoneGroup, or Latitude and Longitude");
            return null;
        }
        return new GeoProximitySpec
        {
            AwsRegion = region, LocalZoneGroup = group, HasCoordinates = latitude is not null || longitude is not null,
            Latitude = latitude, Longitude = longitude, Bias = bias is 0 ? null : bias,
        };

        static string? NumberText(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            } : null;
    }

    private TreeNode? MultivalueLeaf(string slotPath, TreeNode node)
    {
        if (node.Kind == NodeKind.Endpoint) return node;
        // Route 53 multivalue answer records are never aliases, and a multivalue rule cannot nest another rule.
        values.Error(slotPath, node.Kind == NodeKind.Rule
            ? "a multivalue rule can only route to value endpoints, not to another rule"
            : "a multivalue rule can only route to value endpoints: multivalue answer records cannot be aliases to AWS resources");
        return null;
    }

    private void WarnAboutRuleReference(ReferenceSettings reference)
    {
        // A nested rule becomes an alias with Evaluate Target Health to its group, always: the spec has no way to say
        // false, and turning the policy's false into true would change what Route 53 answers. Refused with the reason.
        if (reference.EvaluateTargetHealth == false)
        {
            values.Error(PolicyPath.Property(reference.Path, "EvaluateTargetHealth"),
                "a nested rule always evaluates target health in a tree (its alias inherits the group's health); "
                + "this policy turns it off, which the tree cannot express: set it to true in the policy, or leave it out");
        }
    }

    /// <summary>Stops the walk when the tree grows past the limits (shared rules can multiply nodes quickly).</summary>
    /// <summary>
    /// Where in the policy document a tree path (such as <c>$.root.children[1].weight</c>) comes from: the reference
    /// that made its nearest enclosing node (unique per node, where a rule or endpoint referenced twice is not) and the
    /// rule or endpoint it refers to; the document's root when no node encloses it.
    /// </summary>
    public (string Reference, string Definition) OriginOf(string specPath)
    {
        for (var path = specPath; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
        {
            if (_origins.TryGetValue(path, out var origin)) return origin;
        }
        return (PolicyPath.Root, PolicyPath.Root);
    }

    /// <summary>The item that holds a reference (<c>$.Rules.top.Primary</c>), where its weight, region or health check is.</summary>
    private static string Slot(string referencePath) =>
        referencePath.EndsWith(".EndpointReference", StringComparison.Ordinal)
            || referencePath.EndsWith(".RuleReference", StringComparison.Ordinal)
            ? referencePath[..referencePath.LastIndexOf('.')]
            : referencePath;

    private bool Admit(string path, string nodePath)
    {
        if (_tooBig) return false;
        var depth = nodePath.Count(c => c == '.');
        if (depth > limits.MaxDepth)
        {
            values.Error(path, $"the tree would be deeper than {limits.MaxDepth} levels here");
            _tooBig = true;
            return false;
        }
        if (++_nodes > limits.MaxNodes)
        {
            values.Error(
                path, $"the tree would have more than {limits.MaxNodes} nodes (rules referenced from several places are copied for each " +
                    $"reference)");
            _tooBig = true;
            return false;
        }
        return true;
    }

    private TreeNode? Required(string slotPath, string field, string what)
    {
        if (!values.HasErrorAt(PolicyPath.Property(slotPath, field))) values.Error(
            PolicyPath.Property(slotPath, field), $"{field} is required: {what}");
        return null;
    }

    private TreeNode? Unsupported(string path, JsonElement rule, string message)
    {
        values.Error(PolicyPath.Property(path, "RuleType"), message);
        // What the rule refers to is accounted for by this error; don't also call it unreferenced.
        foreach (var list in rule.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            foreach (var slot in list.Value.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
            {
                if (slot.TryGetProperty("EndpointReference", out var e)
                    && e.ValueKind == JsonValueKind.String) _usedEndpoints.Add(e.GetString()!);
                if (slot.TryGetProperty("RuleReference", out var r) && r.ValueKind == JsonValueKind.String) _usedRules.Add(r.GetString()!);
            }
        }
        return null;
    }
}
