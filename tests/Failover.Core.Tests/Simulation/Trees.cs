using Failover.Core.Spec;

namespace Failover.Core.Tests.Simulation;

/// <summary>Builds tree specs in code, with the JSON paths the parser would give each node.</summary>
internal static class Trees
{
    public static TreeSpec Tree(TreeNode root, string recordName = "www.example.com", HealthCheckSettings? defaults = null) => new()
    {
        Name = "www",
        HostedZoneId = "Z0000000000000000000A",
        ZoneName = "example.com",
        RecordName = recordName,
        RecordType = "A",
        HealthCheckDefaults = defaults,
        Root = WithPaths(root, "$.root"),
    };

    public static TreeNode FailoverRule(string id, TreeNode primary, TreeNode secondary) =>
        new() { Id = id, Path = "", Routing = RoutingPolicy.Failover, Primary = primary, Secondary = secondary };

    public static TreeNode Weighted(string id, params TreeNode[] children) => Rule(id, RoutingPolicy.Weighted, children);
    public static TreeNode Latency(string id, params TreeNode[] children) => Rule(id, RoutingPolicy.Latency, children);
    public static TreeNode Geo(string id, params TreeNode[] children) => Rule(id, RoutingPolicy.Geolocation, children);
    public static TreeNode Multivalue(string id, params TreeNode[] children) => Rule(id, RoutingPolicy.Multivalue, children);

    /// <summary>An endpoint leaf, health-checked with the tree's defaults unless <paramref name="healthChecked"/> is false.</summary>
    public static TreeNode Endpoint(string id, string value = "192.0.2.1", bool healthChecked = true) => new()
    {
        Id = id,
        Path = "",
        Endpoint = new EndpointSpec { Values = [value], HealthCheck = healthChecked ? new HealthCheckSettings() : null },
    };

    public static TreeNode Alias(string id, string dnsName, string hostedZoneId, bool evaluateTargetHealth = true) => new()
    {
        Id = id,
        Path = "",
        Alias = new AliasSpec { DnsName = dnsName, HostedZoneId = hostedZoneId, EvaluateTargetHealth = evaluateTargetHealth },
    };

    public static TreeNode W(this TreeNode node, long weight) => node with { Weight = weight };
    public static TreeNode In(this TreeNode node, string region) => node with { Region = region };
    public static TreeNode Country(this TreeNode node, string country, string? subdivision = null) =>
        node with { Location = new GeoLocationSpec { Country = country, Subdivision = subdivision } };
    public static TreeNode Continent(this TreeNode node, string continent) =>
        node with { Location = new GeoLocationSpec { Continent = continent } };
    public static TreeNode Default(this TreeNode node) => node with { Location = new GeoLocationSpec { IsDefault = true } };

    /// <summary>
    /// The complex configuration of Route 53's guide: latency alias records over weighted records of EC2 instances,
    /// failing over to an S3 website.
    /// </summary>
    public static TreeSpec Complex() => Tree(
        FailoverRule("root",
            Latency("regions",
                Weighted("use1", Endpoint("use1-a", "192.0.2.10").W(50), Endpoint("use1-b", "192.0.2.11").W(50)).In("us-east-1"),
                Weighted("apse2", Endpoint("apse2-a", "198.51.100.7").W(3), Endpoint("apse2-b", "198.51.100.8").W(1)).In("ap-southeast-2")),
            Alias("sorry", "s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF")),
        defaults: new HealthCheckSettings { Type = "HTTPS", Port = 443, Path = "/health" });

    private static TreeNode Rule(string id, RoutingPolicy routing, TreeNode[] children) =>
        new() { Id = id, Path = "", Routing = routing, Children = children };

    private static TreeNode WithPaths(TreeNode node, string path) => node with
    {
        Path = path,
        Primary = node.Primary is null ? null : WithPaths(node.Primary, path + ".primary"),
        Secondary = node.Secondary is null ? null : WithPaths(node.Secondary, path + ".secondary"),
        Children = node.Children.Select((child, i) => WithPaths(child, $"{path}.children[{i}]")).ToList(),
    };
}
