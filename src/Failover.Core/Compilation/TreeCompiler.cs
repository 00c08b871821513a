using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Compilation;

/// <summary>
/// Turns a valid tree into the record sets and health checks Route 53 should hold. The root rule's children answer at
/// the record name; a nested rule X answers at <see cref="HelperNames.For"/>(X) and its parent holds an alias to it.
/// </summary>
public static class TreeCompiler
{
    public static CompiledTree Compile(TreeSpec spec) => Compile(spec, CompileOptions.Default);

    public static CompiledTree Compile(TreeSpec spec, CompileOptions options)
    {
        if (spec.Attachments.Count == 0) return CompileAt(spec, options);
        // Each attachment is the same design at another name: its records are the tree's compiled at that name. The
        // checks depend on the tree and the node only (CallerReferences), so every attachment shares the first's.
        var first = CompileAt(spec with { Attachments = [] }, options);
        var records = new List<DesiredRecord>(first.Records);
        var otherZones = new List<CompiledZone>();
        foreach (var attachment in spec.Attachments)
        {
            var inOtherZone = attachment.HostedZoneId != spec.HostedZoneId;
            var at = CompileAt(spec.At(attachment), options).Records
                .Select(r => r with
                {
                    NodeId = AttachmentNodes.IdOf(r.NodeId, attachment),
                    RecordSet = inOtherZone ? r.RecordSet with { Zone = attachment.HostedZoneId } : r.RecordSet,
                });
            if (!inOtherZone) records.AddRange(at);
            else if (otherZones.Find(z => z.HostedZoneId == attachment.HostedZoneId) is { } zone) zone.Add(at);
            else otherZones.Add(new CompiledZone(attachment.HostedZoneId, [.. at]));
        }
        return new CompiledTree(spec, first.HealthChecks, records) { CidrCollections = first.CidrCollections, OtherZones = otherZones };
    }

    private static CompiledTree CompileAt(TreeSpec spec, CompileOptions options)
    {
        // A dual-stack tree is the same tree once per record type, each node's two records under its one id (a node may
        // hold several records); the checks are the first type's, one per node, serving both.
        CompiledTree? first = null;
        var records = new List<DesiredRecord>();
        foreach (var type in spec.RecordTypes)
        {
            var context = new Context(spec, options, NormaliseName(spec.RecordName), type);
            if (spec.Root.Kind == NodeKind.Rule)
                context.EmitChildren(spec.Root, context.RecordName);
            else
                context.Records.Add(
                    new DesiredRecord(spec.Root.Id, 0,
                    context.Build(context.RecordName, rule: null, spec.Root, isPrimary: false, aliasTarget: null)));
            first ??= new CompiledTree(spec, context.FinishHealthChecks(), []) { CidrCollections = context.CidrCollections };
            records.AddRange(context.Records);
        }
        return new CompiledTree(spec, first!.HealthChecks, records) { CidrCollections = first.CidrCollections };
    }

    internal static string NormaliseName(string name) => name.TrimEnd('.').ToLowerInvariant();

    private sealed class Context(TreeSpec spec, CompileOptions options, string recordName, string recordType)
    {
        private static readonly EndpointSpec NoEndpoint = new();
        // Route 53 spells the default location as CountryCode "*".
        private static readonly GeoLocation DefaultLocation = new(null, "*", null);

        private readonly string type = recordType.ToUpperInvariant();

        public string RecordName { get; } = recordName;
        public List<DesiredRecord> Records { get; } = [];
        public List<DesiredCidrCollection> CidrCollections { get; } = [];
        private readonly List<(string NodeId, HealthCheckConfig Config)> _healthChecks = [];

        /// <summary>Emits the records of <paramref name="rule"/>'s children at <paramref name="name"/>; returns their highest
        /// level.</summary>
        public int EmitChildren(TreeNode rule, string name)
        {
            if (rule.Routing == RoutingPolicy.IpBased)
            {
                var collection = DesiredCidrCollection.NameFor(spec.Name, rule.Id);
                CidrCollections.Add(new DesiredCidrCollection(rule.Id, collection,
                    rule.Children.Where(c => c.Cidr is { IsDefault: false, Location: not null })
                        .GroupBy(c => c.Cidr!.Location!, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(c => c.Cidr!.Blocks).ToList(),
                            StringComparer.Ordinal))
                {
                    CallerReference = CallerReferences.ForCidrCollection(collection, options.CallerReferenceSalt),
                });
            }
            var maxLevel = 0;
            var first = true;
            foreach (var child in rule.ChildNodes())
            {
                var isPrimary = rule.Primary is not null ? ReferenceEquals(child, rule.Primary) : first;
                first = false;
                int level;
                AliasTarget? target = null;
                if (child.Kind == NodeKind.Rule)
                {
                    var helper = HelperNames.Of(child, RecordName);
                    // Route 53 refuses an alias whose target does not exist yet: the alias sits one level above its target.
                    level = 1 + EmitChildren(child, helper);
                    target = new AliasTarget(spec.HostedZoneId, helper, EvaluateTargetHealth: true);
                }
                else
                {
                    level = 0;
                    if (child.Alias is { } alias) target =
                        new AliasTarget(alias.HostedZoneId, NormaliseName(alias.DnsName), alias.EvaluateTargetHealth);
                }
                Records.Add(new DesiredRecord(child.Id, level, Build(name, rule, child, isPrimary, target)));
                maxLevel = Math.Max(maxLevel, level);
            }
            return maxLevel;
        }

        /// <summary>One record set: the routing fields come from the parent rule, the answer from the node itself.</summary>
        public ResourceRecordSet Build(string name, TreeNode? rule, TreeNode node, bool isPrimary, AliasTarget? aliasTarget)
        {
            if (aliasTarget is null && node.Alias is { } alias)
                aliasTarget = new AliasTarget(alias.HostedZoneId, NormaliseName(alias.DnsName), alias.EvaluateTargetHealth);
            var endpoint = aliasTarget is null ? node.Endpoint ?? NoEndpoint : null;
            var policy = rule?.Routing;
            return new ResourceRecordSet
            {
                Name = name,
                Type = type,
                SetIdentifier = rule is null ? null : node.SetIdentifier ?? node.Id,
                Weight = policy == RoutingPolicy.Weighted ? node.Weight : null,
                Region = policy == RoutingPolicy.Latency ? node.Region : null,
                GeoLocation = policy == RoutingPolicy.Geolocation ? GeoLocationOf(node.Location) : null,
                GeoProximityLocation = policy == RoutingPolicy.Geoproximity ? GeoProximityOf(node.Geoproximity) : null,
                CidrRoutingConfig = policy == RoutingPolicy.IpBased && node.Cidr?.LocationName is { } location
                    ? new CidrRoutingConfig(CidrCollectionPlaceholder.For(rule!.Id), location) : null,
                AzAffinity = policy == RoutingPolicy.AzAffinity ? AzAffinityOf(node.AzAffinity) : null,
                Failover = policy == RoutingPolicy.Failover ? isPrimary ? "PRIMARY" : "SECONDARY" : null,
                MultiValueAnswer = policy == RoutingPolicy.Multivalue ? true : null,
                // Alias records take the TTL of their target; Route 53 rejects one of their own.
                Ttl = endpoint is null ? null : endpoint.Ttl ?? spec.Ttl,
                ResourceRecords = endpoint is null ? [] : DualStack.ValuesOf(spec, endpoint, type),
                AliasTarget = aliasTarget,
                HealthCheckId = endpoint is null ? NodeHealthCheckIdFor(node) : HealthCheckIdFor(node.Id, endpoint),
            };
        }

        /// <summary>
        /// An alias leaf's or nested rule's own check (API reference, ResourceRecordSet.HealthCheckId: any record set may
        /// name one). It has no address of its own, so an endpoint-type check resolves its fqdn.
        /// </summary>
        private string? NodeHealthCheckIdFor(TreeNode node)
        {
            if (node.HealthCheckId is not null) return node.HealthCheckId;
            if (node.HealthCheck is null) return null;
            _healthChecks.Add((node.Id, HealthCheckConfigResolver.Resolve(node.HealthCheck, spec.HealthCheckDefaults, NoEndpoint, type)));
            return HealthCheckPlaceholder.For(node.Id);
        }

        private string? HealthCheckIdFor(string nodeId, EndpointSpec endpoint)
        {
            if (endpoint.HealthCheckId is not null) return endpoint.HealthCheckId;
            if (endpoint.HealthCheck is null) return null;
            var config = HealthCheckConfigResolver.Resolve(endpoint.HealthCheck, spec.HealthCheckDefaults,
                DualStack.ViewOf(spec, endpoint, spec.RecordType), spec.RecordType);
            _healthChecks.Add((nodeId, config));
            return HealthCheckPlaceholder.For(nodeId);
        }

        private static AzAffinity? AzAffinityOf(AzAffinitySpec? location) =>
            AzLocationTypes.TypeOf(location?.Type) is not { } type ? null
            : new AzAffinity(type, type == AzLocationTypes.Global ? location!.Id ?? AzLocationTypes.GlobalId : location!.Id ?? "");

        private static GeoProximityLocation? GeoProximityOf(GeoProximitySpec? place) => place is null ? null
            : new GeoProximityLocation(place.AwsRegion, place.LocalZoneGroup, place.HasCoordinates ? place.Latitude : null,
                place.HasCoordinates ? place.Longitude : null, (int?)place.Bias);

        /// <summary>
        /// The tree's checks, children before the CALCULATED checks that name them (Route 53 refuses a child id that does
        /// not exist: API reference, HealthCheckConfig.ChildHealthChecks). A parent's CallerReference covers its children's
        /// references, so a child made anew (a changed config, a new id) makes the parent anew too.
        /// </summary>
        public List<DesiredHealthCheck> FinishHealthChecks()
        {
            // Tables sized once (grown by doubling, a large tree's are copied into new large-object arrays again and again),
            // and a child found by the node id inside its placeholder, read as characters: no string cut per child.
            var count = _healthChecks.Count;
            var byNode = new Dictionary<string, HealthCheckConfig>(count, StringComparer.Ordinal);
            foreach (var (nodeId, config) in _healthChecks) byNode.Add(nodeId, config);
            var configOf = byNode.GetAlternateLookup<ReadOnlySpan<char>>();
            var references = new Dictionary<string, string>(count, StringComparer.Ordinal);
            var referenceOf = references.GetAlternateLookup<ReadOnlySpan<char>>();
            var ordered = new List<DesiredHealthCheck>(count);
            var visiting = new HashSet<string>(count, StringComparer.Ordinal);

            void Visit(string nodeId, HealthCheckConfig config)
            {
                if (references.ContainsKey(nodeId) || !visiting.Add(nodeId)) return;
                var hashed = config;
                if (config.ChildHealthChecks.Count > 0)
                {
                    foreach (var child in config.ChildHealthChecks)
                        if (HealthCheckPlaceholder.TryGetNodeIdChars(child, out var childNode)
                            && configOf.TryGetValue(childNode, out var childId, out var childConfig))
                            Visit(childId, childConfig);
                    hashed = config with
                    {
                        ChildHealthChecks = config.ChildHealthChecks.Select(child =>
                            HealthCheckPlaceholder.TryGetNodeIdChars(child, out var childNode)
                            && referenceOf.TryGetValue(childNode, out var r) ? "ref:" + r : child).ToList(),
                    };
                }
                var reference = CallerReferences.For(spec.Name, nodeId, hashed, options.CallerReferenceSalt);
                references[nodeId] = reference;
                ordered.Add(new DesiredHealthCheck(nodeId, reference, config));
            }

            foreach (var (nodeId, config) in _healthChecks) Visit(nodeId, config);
            return ordered;
        }

        private static GeoLocation? GeoLocationOf(GeoLocationSpec? location) => location switch
        {
            null => null,
            { IsDefault: true } => DefaultLocation,
            { Continent: { } continent } => new GeoLocation(continent.ToUpperInvariant(), null, null),
            _ => new GeoLocation(null, location.Country?.ToUpperInvariant(), location.Subdivision?.ToUpperInvariant()),
        };
    }
}
