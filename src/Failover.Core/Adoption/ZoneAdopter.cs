using Failover.Core.Compilation;
using Failover.Core.Import;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Core.Diagnostics;

namespace Failover.Core.Adoption;

/// <summary>
/// Reconstructs the tree a zone already holds at a name: the group of records there becomes the root rule, an alias to
/// another group of the zone becomes a nested rule (whatever the target is called: the name is kept as the rule's
/// <c>helperName</c>), other records become endpoint and alias leaves. Every record, routing attribute, TTL and health
/// check is kept exactly, so compiling the spec gives back the zone's records; what the spec cannot say is an error on
/// the record concerned, never an approximation.
/// </summary>
public static class ZoneAdopter
{
    public static AdoptionResult Adopt(ZoneSnapshot zone, AdoptionRequest request) =>
        request.RecordType is null && TypesAt(zone, DnsNames.Normalize(request.RecordName)).SequenceEqual(TreeSpec.DualStackTypes)
            ? DualStackAdoption.Adopt(zone, request)
            : new Reconstruction(zone, request).Run();

    private static List<string> TypesAt(ZoneSnapshot zone, string recordName) =>
        zone.Records.Where(r => DnsNames.Normalize(r.Name) == recordName).Select(r => r.Type.ToUpperInvariant())
            .Where(t => t is not ("NS" or "SOA")).Distinct().Order(StringComparer.Ordinal).ToList();

    private sealed class Reconstruction(ZoneSnapshot zone, AdoptionRequest request)
    {
        private readonly string _recordName = DnsNames.Normalize(request.RecordName);
        private readonly string _zoneName = DnsNames.Normalize(zone.ZoneName);
        private readonly List<AdoptionProblem> _errors = [];
        private readonly List<AdoptionProblem> _warnings = [];
        private readonly List<RecordKey> _records = [];
        // The record each node came from, by the node's spec path: a rule the validator refuses is reported on it.
        private readonly Dictionary<string, RecordKey> _recordAt = new(StringComparer.Ordinal);
        private readonly NodeIds _ids = new();
        private readonly Dictionary<string, string> _adoptedChecks = new(StringComparer.Ordinal);
        private readonly HashSet<string> _rulesSeen = new(StringComparer.Ordinal);
        private Dictionary<(string Name, string Type), List<ResourceRecordSet>> _groups = [];
        private Dictionary<string, ExistingHealthCheckView> _checks = [];
        private Dictionary<string, int> _checkUses = [];
        private string _type = "";
        private long _ttl = 60;

        public AdoptionResult Run()
        {
            _groups = zone.Records.GroupBy(r => (DnsNames.Normalize(r.Name), r.Type.ToUpperInvariant()))
                .ToDictionary(g => g.Key, g => g.ToList());
            _checks = zone.HealthChecks.GroupBy(h => h.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            if (!ChooseType()) return Failed();
            var reached = Reachable();
            _checkUses = reached.Where(r => r.HealthCheckId is not null).GroupBy(r => r.HealthCheckId!)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            // The commonest TTL of the endpoint records becomes the tree's; the others are kept per endpoint.
            _ttl = reached.Where(r => !r.IsAlias && r.Ttl is not null).GroupBy(r => r.Ttl!.Value)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault(60);

            var group = _groups[(_recordName, _type)];
            TreeNode? root;
            if (group.Count == 1 && group[0].SetIdentifier is null)
                root = SimpleRoot(group[0]);
            else
            {
                _rulesSeen.Add(_recordName);
                _recordAt["$.root"] = group[0].Key;
                root = Rule(_ids.Allocate("root"), "$.root", _recordName, group);
            }
            if (root is null || _errors.Count > 0) return Failed();
            var spec = new TreeSpec
            {
                Name = request.TreeName,
                HostedZoneId = zone.HostedZoneId,
                ZoneName = _zoneName,
                RecordName = _recordName,
                RecordType = _type,
                Ttl = _ttl,
                Root = root,
                Adopt = new AdoptSpec { HealthChecks = _adoptedChecks },
            };
            // A shape the reader can follow may still break a rule of the spec (an alias target a tree may not name, a
            // limit): refused here on the record concerned, not later on a path the user never wrote.
            foreach (var problem in TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error))
                _errors.Add(new AdoptionProblem(RecordAt(problem.Path), $"{problem.Message} (spec {problem.Path})"));
            if (_errors.Count > 0) return Failed();
            return new AdoptionResult(spec, [], _warnings) { Records = _records };
        }

        private AdoptionResult Failed() => new(null, _errors, _warnings);

        private bool ChooseType()
        {
            var types = _groups.Keys.Where(k => k.Name == _recordName && k.Type is not ("NS" or "SOA"))
                .Select(k => k.Type).Order(StringComparer.Ordinal).ToList();
            if (request.RecordType is { } asked)
            {
                _type = asked.ToUpperInvariant();
                if (types.Contains(_type)) return true;
                _errors.Add(new AdoptionProblem(null, $"the zone holds no {_type} records at {_recordName}"));
                return false;
            }
            if (types.Count == 1)
            {
                _type = types[0];
                return true;
            }
            _errors.Add(new AdoptionProblem(null, types.Count == 0
                ? $"the zone holds no records at {_recordName} (other than NS and SOA)"
                : $"{_recordName} holds records of several types ({string.Join(", ", types)}): say which type the tree is"));
            return false;
        }

        /// <summary>Every record an alias chain from the record name reaches inside the zone (for counting check uses).</summary>
        private List<ResourceRecordSet> Reachable()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { _recordName };
            var queue = new Queue<string>([_recordName]);
            var records = new List<ResourceRecordSet>();
            while (queue.Count > 0)
                foreach (var record in _groups.GetValueOrDefault((queue.Dequeue(), _type)) ?? [])
                {
                    records.Add(record);
                    if (InZoneTarget(record) is { } target && seen.Add(target)) queue.Enqueue(target);
                }
            return records;
        }

        private string? InZoneTarget(ResourceRecordSet record) =>
            record.AliasTarget is { } alias && alias.HostedZoneId.Equals(zone.HostedZoneId, StringComparison.OrdinalIgnoreCase)
                ? DnsNames.Normalize(alias.DnsName) : null;

        private TreeNode? SimpleRoot(ResourceRecordSet record)
        {
            if (InZoneTarget(record) is { } target)
            {
                Error(record, $"a simple alias to {target}: the tree's root rule answers at the record name itself, so a tree " +
                    $"cannot begin with an alias elsewhere; adopt {target} instead");
                return null;
            }
            _recordAt["$.root"] = record.Key;
            return Leaf(record, _ids.Allocate("root"), "$.root", null);
        }

        /// <summary>The rule whose records are <paramref name="group"/>, at <paramref name="name"/>.</summary>
        private TreeNode? Rule(string id, string path, string name, List<ResourceRecordSet> group)
        {
            var policies = group.Select(RecordRouting.PolicyOf).Distinct().ToList();
            if (group.Exists(r => r.SetIdentifier is null) || policies.Count != 1)
            {
                foreach (var record in group) Error(record, policies.Count != 1
                    ? $"the records at {name} mix routing policies ({string.Join(", ", policies)}), which a rule cannot hold"
                    : $"a simple record beside set identifiers at {name}: a rule's records all carry a routing policy");
                return null;
            }
            var routing = RoutingOf(policies[0], group[0]);
            if (routing is null) return null;
            var ordered = routing == RoutingPolicy.Failover
                ? group.OrderBy(r => r.Failover == "PRIMARY" ? 0 : 1).ToList()
                : group.OrderBy(r => r.SetIdentifier, StringComparer.Ordinal).ToList();
            var children = new List<TreeNode>();
            for (var i = 0; i < ordered.Count; i++)
            {
                var record = ordered[i];
                var childPath = routing == RoutingPolicy.Failover
                    ? $"{path}.{(record.Failover == "PRIMARY" ? "primary" : "secondary")}" : $"{path}.children[{i}]";
                var child = Child(record, childPath, routing.Value);
                if (child is not null) children.Add(child);
            }
            if (children.Count != ordered.Count) return null;
            if (routing == RoutingPolicy.Failover)
            {
                var primary = children.Where((_, i) => ordered[i].Failover == "PRIMARY").ToList();
                var secondary = children.Where((_, i) => ordered[i].Failover == "SECONDARY").ToList();
                if (primary.Count != 1 || secondary.Count != 1)
                {
                    // A failover group is answered by its primary and, when that is unhealthy, its secondary
                    // (API reference, ResourceRecordSet.Failover); a group with only one of them has no tree shape.
                    Error(group[0], $"the failover group at {name} has {primary.Count} primary and {secondary.Count} secondary " +
                        "records; a failover rule has exactly one of each");
                    return null;
                }
                return new TreeNode { Id = id, Path = path, Routing = routing, Primary = primary[0], Secondary = secondary[0] };
            }
            return new TreeNode { Id = id, Path = path, Routing = routing, Children = children };
        }

        private RoutingPolicy? RoutingOf(RecordRoutingPolicy policy, ResourceRecordSet sample)
        {
            switch (policy)
            {
                case RecordRoutingPolicy.Failover: return RoutingPolicy.Failover;
                case RecordRoutingPolicy.Weighted: return RoutingPolicy.Weighted;
                case RecordRoutingPolicy.Latency: return RoutingPolicy.Latency;
                case RecordRoutingPolicy.Geolocation: return RoutingPolicy.Geolocation;
                case RecordRoutingPolicy.Multivalue: return RoutingPolicy.Multivalue;
                case RecordRoutingPolicy.Geoproximity: return RoutingPolicy.Geoproximity;
                case RecordRoutingPolicy.AzAffinity: return RoutingPolicy.AzAffinity;
                default:
                    Error(sample, "IP-based records name a CIDR collection the tree would not own; adoption cannot take them over");
                    return null;
            }
        }

        /// <summary>One record of a rule's group: a nested rule when it aliases another group of the zone, else a leaf.</summary>
        private TreeNode? Child(ResourceRecordSet record, string path, RoutingPolicy parent)
        {
            var setIdentifier = record.SetIdentifier!;
            // Node ids are DNS labels unique in the tree; a set identifier that is not one stays exact as setIdentifier.
            var id = _ids.Allocate(setIdentifier);
            _recordAt[path] = record.Key;
            var node = InZoneTarget(record) is { } target ? Nested(record, id, path, target) : Leaf(record, id, path, parent);
            if (node is null) return null;
            node = node with { SetIdentifier = id == setIdentifier ? null : setIdentifier };
            return WithParentAttributes(node, record, parent);
        }

        private TreeNode? Nested(ResourceRecordSet record, string id, string path, string target)
        {
            if (!_groups.TryGetValue((target, _type), out var group))
            {
                Error(record, $"its alias target {target} holds no {_type} records in the zone");
                return null;
            }
            if (!_rulesSeen.Add(target))
            {
                Error(record, $"{target} is reached by more than one alias (or by a loop): in a tree every rule has one parent");
                return null;
            }
            if (group.Count == 1 && group[0].SetIdentifier is null)
            {
                Error(record, $"its alias target {target} is a single simple record: a nested rule is a group of records with a " +
                    "routing policy, and an alias leaf to a record of the zone would leave that record to no one");
                return null;
            }
            // A nested rule is an alias that evaluates its group's health (the compiler writes EvaluateTargetHealth true).
            if (!record.AliasTarget!.EvaluateTargetHealth)
            {
                Error(record, $"its alias to {target} does not evaluate target health, and a nested rule always does " +
                    "(an alias to a group that ignores the group's health never fails over)");
                return null;
            }
            var rule = Rule(id, path, target, group);
            if (rule is null) return null;
            _records.Add(record.Key);
            var helper = HelperNames.For(id, _recordName) == target ? null : target;
            return WithRecordHealthCheck(rule with { HelperName = helper }, record, new EndpointSpec());
        }

        private TreeNode? Leaf(ResourceRecordSet record, string id, string path, RoutingPolicy? parent)
        {
            if (record.AliasTarget is { } alias)
            {
                var spec = new AliasSpec
                {
                    DnsName = DnsNames.Normalize(alias.DnsName),
                    HostedZoneId = alias.HostedZoneId,
                    EvaluateTargetHealth = alias.EvaluateTargetHealth,
                };
                if (AliasTargets.Classify(spec, zone.HostedZoneId) == AliasTargetKind.Other)
                {
                    Error(record, $"its alias to {spec.DnsName} in hosted zone {alias.HostedZoneId} leaves the zone: adoption follows " +
                        "aliases inside the zone and to AWS resources it recognises (ELB, CloudFront, S3 website, API Gateway, …)");
                    return null;
                }
                if (parent == RoutingPolicy.Multivalue)
                {
                    Error(record, "Route 53 has no multivalue alias records");
                    return null;
                }
                _records.Add(record.Key);
                return WithRecordHealthCheck(new TreeNode { Id = id, Path = path, Alias = spec }, record, new EndpointSpec());
            }
            var endpoint = new EndpointSpec { Values = [.. record.ResourceRecords], Ttl = record.Ttl == _ttl ? null : record.Ttl };
            _records.Add(record.Key);
            var (settings, checkId) = HealthCheckOf(record, id, endpoint);
            return new TreeNode { Id = id, Path = path, Endpoint = endpoint with { HealthCheck = settings, HealthCheckId = checkId } };
        }

        private TreeNode WithRecordHealthCheck(TreeNode node, ResourceRecordSet record, EndpointSpec noAddress)
        {
            var (settings, checkId) = HealthCheckOf(record, node.Id, noAddress);
            return node with { HealthCheck = settings, HealthCheckId = checkId };
        }

        /// <summary>
        /// The record's check as settings the tree then owns (tagged on take-over), or by id when the settings cannot say it,
        /// it serves several records (a tree owns one check per node), or another tree owns it.
        /// </summary>
        private (HealthCheckSettings? Settings, string? Id) HealthCheckOf(ResourceRecordSet record, string nodeId, EndpointSpec endpoint)
        {
            if (record.HealthCheckId is not { } id) return (null, null);
            if (!_checks.TryGetValue(id, out var check))
            {
                _warnings.Add(new AdoptionProblem(record.Key, $"its health check {id} does not exist; kept as healthCheckId"));
                return (null, id);
            }
            if (check.TreeTag is { } owner && owner != request.TreeName)
            {
                Error(record, $"its health check {id} belongs to tree '{owner}'");
                return (null, id);
            }
            string? why;
            if (_checkUses.GetValueOrDefault(id) > 1) why = "it serves several records, and a tree's own check serves one node";
            else if (check.Config.Type == "CALCULATED") why = "a CALCULATED check is kept as it is, its children by id";
            else if (HealthCheckSettingsReader.TryRead(check.Config, endpoint, _type, out why) is { } settings)
            {
                _adoptedChecks[nodeId] = id;
                return (settings, null);
            }
            _warnings.Add(new AdoptionProblem(record.Key, $"health check {id} kept as healthCheckId (not owned by the tree): {why}"));
            return (null, id);
        }

        private TreeNode? WithParentAttributes(TreeNode node, ResourceRecordSet record, RoutingPolicy parent) => parent switch
        {
            RoutingPolicy.Weighted => node with { Weight = record.Weight },
            RoutingPolicy.Latency => node with { Region = record.Region },
            RoutingPolicy.Geolocation => node with { Location = LocationOf(record.GeoLocation!) },
            RoutingPolicy.Geoproximity => node with { Geoproximity = GeoproximityOf(record.GeoProximityLocation!) },
            RoutingPolicy.AzAffinity => node with
            {
                AzAffinity = new AzAffinitySpec
                {
                    Type = AzLocationTypes.SpecNameOf(record.AzAffinity!.LocationType) ?? record.AzAffinity.LocationType,
                    Id = record.AzAffinity.LocationType == AzLocationTypes.Global ? null : record.AzAffinity.LocationId,
                },
            },
            _ => node,
        };

        private static GeoLocationSpec LocationOf(GeoLocation location) =>
            location.CountryCode == "*" ? new GeoLocationSpec { IsDefault = true }
            : location.ContinentCode is { } continent ? new GeoLocationSpec { Continent = continent }
            : new GeoLocationSpec { Country = location.CountryCode, Subdivision = location.SubdivisionCode };

        private static GeoProximitySpec GeoproximityOf(GeoProximityLocation place) => new()
        {
            AwsRegion = place.AwsRegion,
            LocalZoneGroup = place.LocalZoneGroup,
            Latitude = place.Latitude,
            Longitude = place.Longitude,
            HasCoordinates = place.Latitude is not null,
            Bias = place.Bias,
        };

        /// <summary>The record of the deepest node whose path holds <paramref name="path"/>; null for the spec's top.</summary>
        private RecordKey? RecordAt(string path)
        {
            RecordKey? found = null;
            var length = -1;
            foreach (var (nodePath, key) in _recordAt)
                if (nodePath.Length > length && (path == nodePath || path.StartsWith(nodePath + ".", StringComparison.Ordinal)
                        || path.StartsWith(nodePath + "[", StringComparison.Ordinal)))
                    (found, length) = (key, nodePath.Length);
            return found;
        }

        private void Error(ResourceRecordSet record, string message) => _errors.Add(new AdoptionProblem(record.Key, message));
    }
}
