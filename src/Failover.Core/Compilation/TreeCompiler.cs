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
        var context = new Context(spec, options, NormaliseName(spec.RecordName));
        if (spec.Root.Kind == NodeKind.Rule)
            context.EmitChildren(spec.Root, context.RecordName);
        else
            context.Records.Add(new DesiredRecord(spec.Root.Id, 0, context.Leaf(spec.Root, context.Base(context.RecordName, setIdentifier: null))));
        return new CompiledTree(spec, context.HealthChecks, context.Records);
    }

    internal static string NormaliseName(string name) => name.TrimEnd('.').ToLowerInvariant();

    private sealed class Context(TreeSpec spec, CompileOptions options, string recordName)
    {
        public string RecordName { get; } = recordName;
        public List<DesiredRecord> Records { get; } = [];
        public List<DesiredHealthCheck> HealthChecks { get; } = [];
        private readonly string type = spec.RecordType.ToUpperInvariant();

        /// <summary>Emits the records of <paramref name="rule"/>'s children at <paramref name="name"/>; returns their highest level.</summary>
        public int EmitChildren(TreeNode rule, string name)
        {
            var maxLevel = 0;
            var position = 0;
            foreach (var child in rule.ChildNodes())
            {
                var record = WithPolicy(Base(name, child.Id), rule, child, position++);
                int level;
                if (child.Kind == NodeKind.Rule)
                {
                    var helper = HelperNames.For(child.Id, RecordName);
                    // Route 53 refuses an alias whose target does not exist yet: the alias sits one level above its target.
                    level = 1 + EmitChildren(child, helper);
                    record = record with { AliasTarget = new AliasTarget(spec.HostedZoneId, helper, EvaluateTargetHealth: true) };
                }
                else
                {
                    level = 0;
                    record = Leaf(child, record);
                }
                Records.Add(new DesiredRecord(child.Id, level, record));
                maxLevel = Math.Max(maxLevel, level);
            }
            return maxLevel;
        }

        public ResourceRecordSet Base(string name, string? setIdentifier) => new() { Name = name, Type = type, SetIdentifier = setIdentifier };

        public ResourceRecordSet Leaf(TreeNode leaf, ResourceRecordSet record)
        {
            if (leaf.Alias is { } alias)
                return record with { AliasTarget = new AliasTarget(alias.HostedZoneId, NormaliseName(alias.DnsName), alias.EvaluateTargetHealth) };

            var endpoint = leaf.Endpoint ?? new EndpointSpec();
            return record with
            {
                Ttl = endpoint.Ttl ?? spec.Ttl,
                ResourceRecords = [.. endpoint.Values],
                HealthCheckId = HealthCheckIdFor(leaf.Id, endpoint),
            };
        }

        private string? HealthCheckIdFor(string nodeId, EndpointSpec endpoint)
        {
            if (endpoint.HealthCheckId is not null) return endpoint.HealthCheckId;
            if (endpoint.HealthCheck is null) return null;
            var config = HealthCheckConfigResolver.Resolve(endpoint.HealthCheck, spec.HealthCheckDefaults, endpoint, type);
            HealthChecks.Add(new DesiredHealthCheck(nodeId, CallerReferences.For(spec.Name, nodeId, config, options.CallerReferenceSalt), config));
            return HealthCheckPlaceholder.For(nodeId);
        }

        private static ResourceRecordSet WithPolicy(ResourceRecordSet record, TreeNode rule, TreeNode child, int position) => rule.Routing switch
        {
            RoutingPolicy.Weighted => record with { Weight = child.Weight },
            RoutingPolicy.Latency => record with { Region = child.Region },
            RoutingPolicy.Geolocation => record with { GeoLocation = GeoLocationOf(child.Location) },
            RoutingPolicy.Failover => record with { Failover = ReferenceEquals(child, rule.Primary) || (rule.Primary is null && position == 0) ? "PRIMARY" : "SECONDARY" },
            RoutingPolicy.Multivalue => record with { MultiValueAnswer = true },
            _ => record,
        };

        private static GeoLocation? GeoLocationOf(GeoLocationSpec? location) => location switch
        {
            null => null,
            // Route 53 spells the default location as CountryCode "*".
            { IsDefault: true } => new GeoLocation(null, "*", null),
            { Continent: { } continent } => new GeoLocation(continent.ToUpperInvariant(), null, null),
            _ => new GeoLocation(null, location.Country?.ToUpperInvariant(), location.Subdivision?.ToUpperInvariant()),
        };
    }
}
