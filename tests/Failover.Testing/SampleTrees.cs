using Failover.Core.Spec;

namespace Failover.Testing;

/// <summary>Trees built in code, for tests that must not depend on the parser.</summary>
public static class SampleTrees
{
    /// <summary>
    /// The design's worked example: failover at the root; the primary a latency rule over a weighted rule (two health-checked
    /// endpoints) and an endpoint; the secondary an S3 website alias.
    /// </summary>
    public static TreeSpec Www() => new()
    {
        Name = "www",
        HostedZoneId = "Z0000000000000000000A",
        ZoneName = "example.com",
        RecordName = "www.example.com",
        RecordType = "A",
        Ttl = 60,
        HealthCheckDefaults =
            new HealthCheckSettings { Type = "HTTPS", Port = 443, Path = "/health", RequestInterval = 30, FailureThreshold = 3 },
        Root = new TreeNode
        {
            Id = "root", Path = "$.root", Routing = RoutingPolicy.Failover,
            Primary = new TreeNode
            {
                Id = "regions", Path = "$.root.primary", Routing = RoutingPolicy.Latency,
                Children =
                [
                    new TreeNode
                    {
                        Id = "use1", Path = "$.root.primary.children[0]", Region = "us-east-1", Routing = RoutingPolicy.Weighted,
                        Children =
                        [
                            Endpoint("use1-a", "$.root.primary.children[0].children[0]", "192.0.2.10",
                                new HealthCheckSettings()) with { Weight = 50 },
                            Endpoint("use1-b", "$.root.primary.children[0].children[1]", "192.0.2.11",
                                new HealthCheckSettings { Path = "/ready" }) with { Weight = 50 },
                        ],
                    },
                    Endpoint("euw1", "$.root.primary.children[1]", "198.51.100.7", new HealthCheckSettings()) with { Region = "eu-west-1" },
                ],
            },
            Secondary = new TreeNode
            {
                Id = "sorry", Path = "$.root.secondary",
                Alias = new AliasSpec { DnsName = "s3-website-us-east-1.amazonaws.com", HostedZoneId = "Z3AQBSTGFYJSTF" },
            },
        },
    };

    public static TreeNode Endpoint(string id, string path, string value, HealthCheckSettings? healthCheck = null) => new()
    {
        Id = id, Path = path, Endpoint = new EndpointSpec { Values = [value], HealthCheck = healthCheck },
    };

    /// <summary>A tree with the given root under the usual zone: <c>&lt;name&gt;.example.com</c>, type A.</summary>
    public static TreeSpec With(TreeNode root, string name = "t", string recordType = "A") => new()
    {
        Name = name,
        HostedZoneId = "Z0000000000000000000A",
        ZoneName = "example.com",
        RecordName = $"{name}.example.com",
        RecordType = recordType,
        HealthCheckDefaults = new HealthCheckSettings { Type = "HTTP", Path = "/health" },
        Root = root,
    };
}
