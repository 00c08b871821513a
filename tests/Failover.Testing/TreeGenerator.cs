using Failover.Core.Spec;

namespace Failover.Testing;

/// <summary>
/// Builds valid trees of a given number of leaves and varied shapes (every routing policy, nested rules, endpoint and
/// alias leaves, health-checked or not) from a seed: the same seed always gives the same tree.
/// </summary>
public sealed class TreeGenerator(int seed)
{
    private static readonly string[] Regions =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3",
        "eu-central-1", "eu-north-1", "eu-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1",
        "ap-southeast-2", "ap-south-1", "ap-east-1", "me-south-1", "af-south-1",
    ];

    private static readonly GeoLocationSpec[] Locations =
    [
        new() { IsDefault = true },
        .. new[] { "AF", "AN", "AS", "EU", "NA", "OC", "SA" }.Select(c => new GeoLocationSpec { Continent = c }),
        .. new[] { "DE", "FR", "GB", "IE", "NL", "ES", "IT", "SE", "PL", "JP", "KR", "IN", "SG", "AU", "BR", "CA", "MX", "ZA" }
            .Select(c => new GeoLocationSpec { Country = c }),
        .. new[] { "CA", "NY", "TX", "WA", "FL" }.Select(s => new GeoLocationSpec { Country = "US", Subdivision = s }),
    ];

    private static readonly (string DnsName, string ZoneId)[] AliasTargets =
    [
        ("dualstack.web-1234567890.us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K"),
        ("s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF"),
        ("dualstack.api-0987654321.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2"),
    ];

    private static readonly string[] DocumentationPrefixes = ["192.0.2.", "198.51.100.", "203.0.113."];

    private readonly Random random = new(seed);
    private int nextId;
    private TreeGeneratorOptions options = new();

    public TreeSpec Generate(int leaves, TreeGeneratorOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaves, 1);
        this.options = options ?? new TreeGeneratorOptions();
        nextId = 0;
        return new TreeSpec
        {
            Name = this.options.Name,
            HostedZoneId = this.options.HostedZoneId,
            ZoneName = this.options.ZoneName,
            RecordName = this.options.RecordName ?? $"{this.options.Name}.{this.options.ZoneName}",
            RecordType = "A",
            Ttl = 60,
            HealthCheckDefaults =
                new HealthCheckSettings { Type = "HTTPS", Port = 443, Path = "/health", RequestInterval = 30, FailureThreshold = 3 },
            Root = Node(leaves, "$.root", this.options.MaxDepth, mustBeHealthChecked: false, endpointOnly: false),
        };
    }

    private TreeNode Node(int leaves, string path, int depthLeft, bool mustBeHealthChecked, bool endpointOnly, long? ttl = null) =>
        leaves == 1 || depthLeft == 0 ? Leaf(path, mustBeHealthChecked, endpointOnly, ttl) : Rule(leaves, path, depthLeft);

    private TreeNode Rule(int leaves, string path, int depthLeft)
    {
        // Enough children that an even split still fits under the remaining depth.
        var capPerChild = (int)Math.Min(int.MaxValue, Math.Pow(options.MaxFanout, depthLeft - 1));
        var fewest = Math.Max(2, (leaves + capPerChild - 1) / capPerChild);

        if (leaves <= 8 && random.NextDouble() < options.MultivalueShare)
            return Children(RoutingPolicy.Multivalue, "m", path, Split(leaves, leaves, 1), depthLeft, endpointOnly: true);

        var candidates = new List<(RoutingPolicy Policy, int Most)>
        {
            (RoutingPolicy.Weighted, Math.Min(options.MaxFanout, 100)),
            (RoutingPolicy.Latency, Math.Min(options.MaxFanout, Regions.Length)),
            (RoutingPolicy.Geolocation, Math.Min(options.MaxFanout, Locations.Length)),
        };
        if (fewest <= 2) candidates.Add((RoutingPolicy.Failover, 2));
        candidates.RemoveAll(c => c.Most < fewest);
        var (policy, most) = candidates[random.Next(candidates.Count)];
        var count = random.Next(fewest, Math.Min(most, leaves) + 1);
        var prefix =
            policy switch { RoutingPolicy.Weighted => "w", RoutingPolicy.Latency => "l", RoutingPolicy.Geolocation => "g", _ => "f" };
        return Children(policy, prefix, path, Split(leaves, count, capPerChild), depthLeft, endpointOnly: false);
    }

    private TreeNode Children(RoutingPolicy policy, string prefix, string path, int[] parts, int depthLeft, bool endpointOnly)
    {
        var id = $"{prefix}{nextId++}";
        // Route 53 wants one TTL across the records of a name and type, so an override applies to a whole group.
        long? ttl = random.Next(6) == 0 ? 30 : null;
        if (policy == RoutingPolicy.Failover)
        {
            return new TreeNode
            {
                Id = id, Path = path, Routing = policy,
                // Route 53 needs a health check on a non-alias failover primary.
                Primary = Node(parts[0], path + ".primary", depthLeft - 1, mustBeHealthChecked: true, endpointOnly, ttl),
                Secondary = Node(parts[1], path + ".secondary", depthLeft - 1, mustBeHealthChecked: false, endpointOnly, ttl),
            };
        }

        var regions = Shuffled(Regions);
        var locations = Shuffled(Locations);
        var children = new List<TreeNode>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var child = Node(parts[i], $"{path}.children[{i}]", depthLeft - 1, mustBeHealthChecked: false, endpointOnly, ttl);
            children.Add(policy switch
            {
                RoutingPolicy.Weighted => child with { Weight = random.Next(20) == 0 ? 0 : random.Next(1, 101) },
                RoutingPolicy.Latency => child with { Region = regions[i] },
                RoutingPolicy.Geolocation => child with { Location = locations[i] },
                _ => child,
            });
        }
        return new TreeNode { Id = id, Path = path, Routing = policy, Children = children };
    }

    private TreeNode Leaf(string path, bool mustBeHealthChecked, bool endpointOnly, long? ttl)
    {
        var id = $"e{nextId++}";
        if (!endpointOnly && random.NextDouble() < options.AliasLeafShare)
        {
            var (dnsName, zoneId) = AliasTargets[random.Next(AliasTargets.Length)];
            return new TreeNode { Id = id, Path = path, Alias = new AliasSpec { DnsName = dnsName, HostedZoneId = zoneId } };
        }

        var checkedLeaf = mustBeHealthChecked || random.NextDouble() < options.HealthCheckedShare;
        var values = new List<string> { Address() };
        // A health check checks one address, so only unchecked endpoints answer with several.
        // Route 53 refuses a value listed twice; dropping a repeat keeps the random sequence (and every other tree) as it was.
        if (!checkedLeaf && random.Next(3) == 0 && Address() is var second && second != values[0]) values.Add(second);
        HealthCheckSettings? check = !checkedLeaf ? null
            : random.Next(5) == 0 ? new HealthCheckSettings { Path = "/ready", FailureThreshold = 2 }
            : new HealthCheckSettings();
        return new TreeNode
        {
            Id = id, Path = path,
            Endpoint = new EndpointSpec { Values = values, Ttl = ttl, HealthCheck = check },
        };
    }

    private string Address() => DocumentationPrefixes[random.Next(DocumentationPrefixes.Length)] + random.Next(1, 255);

    /// <summary>Splits <paramref name="total"/> into <paramref name="count"/> parts of 1..cap each, unevenly.</summary>
    private int[] Split(int total, int count, int cap)
    {
        var parts = new int[count];
        var left = total;
        for (var i = 0; i < count; i++)
        {
            var after = count - i - 1;
            var lowest = Math.Max(1, left - after * cap);
            var highest = Math.Min(cap, left - after);
            var fair = Math.Max(lowest, Math.Min(highest, 2 * left / (after + 1)));
            parts[i] = random.Next(lowest, fair + 1);
            left -= parts[i];
        }
        return parts;
    }

    private T[] Shuffled<T>(T[] items)
    {
        var copy = (T[])items.Clone();
        random.Shuffle(copy);
        return copy;
    }
}
