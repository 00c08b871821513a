using Failover.Core.Diagnostics;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using Failover.Core.Validation;
using static Failover.Core.Tests.Import.Policies;

namespace Failover.Core.Tests.Import;

[Trait("Category", "Unit")]
public class TrafficPolicyExampleTests
{
    [Fact]
    public void The_complex_configuration_imports_as_failover_over_latency_over_weighted()
    {
        var result = ImportPolicy(Example("latency-weighted-failover.json"));

        Assert.Empty(result.Diagnostics);
        var root = result.Spec!.Root;
        Assert.Equal(("site", RoutingPolicy.Failover), (root.Id, root.Routing));
        var regions = root.Primary!;
        Assert.Equal(("regions", RoutingPolicy.Latency, "$.root.primary"), (regions.Id, regions.Routing, regions.Path));
        Assert.Equal(["us-east-1", "ap-southeast-2"], regions.Children.Select(c => c.Region));
        var apse2 = regions.Children[1];
        Assert.Equal(("ap-southeast-2-instances", RoutingPolicy.Weighted), (apse2.Id, apse2.Routing));
        Assert.Equal([3L, 1L], apse2.Children.Select(c => c.Weight!.Value));
        Assert.Equal("33333333-3333-3333-3333-333333333333", apse2.Children[0].Endpoint!.HealthCheckId);
        Assert.Equal(["198.51.100.7"], apse2.Children[0].Endpoint!.Values);
        Assert.Equal("$.root.primary.children[1].children[0]", apse2.Children[0].Path);
        var sorry = root.Secondary!.Alias!;
        Assert.Equal(("s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF", true),
            (sorry.DnsName, sorry.HostedZoneId, sorry.EvaluateTargetHealth));
    }

    [Fact]
    public void The_imported_tree_writes_and_parses_back_as_an_ordinary_spec()
    {
        var imported = ImportPolicy(Example("latency-weighted-failover.json")).Spec!;

        var parsed = SpecParser.Parse(SpecJsonWriter.Write(imported));

        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        Assert.Equal(
            imported.Root.DescendantsAndSelf().Select(n => (n.Id, n.Path, n.Kind)),
            parsed.Spec!.Root.DescendantsAndSelf().Select(n => (n.Id, n.Path, n.Kind)));
    }

    [Fact]
    public void The_imported_tree_answers_like_traffic_flow_would()
    {
        var spec = ImportPolicy(Example("latency-weighted-failover.json")).Spec!;

        var result = Simulator.Simulate(spec, new SimulationQuery(new HashSet<string> { "use1-a", "use1-b" }));

        Assert.Equal(["apse2-a", "apse2-b"], result.Answers.Select(a => a.NodeId));
    }

    [Fact]
    public void Every_aws_resource_type_gets_the_hosted_zone_of_its_region()
    {
        var result = ImportPolicy(Example("geo-latency-multivalue.json"));

        Assert.Empty(result.Diagnostics);
        var aliases = result.Spec!.Root.DescendantsAndSelf().Where(n => n.Alias is not null).ToDictionary(n => n.Id, n => n.Alias!);
        Assert.Equal("Z35SXDOTRQ7X7K", aliases["east-lb1"].HostedZoneId);
        Assert.Equal("Z35SXDOTRQ7X7K", aliases["east-lb2"].HostedZoneId);
        Assert.Equal("Z18D5FSROUN65G", aliases["west-lb1"].HostedZoneId);
        Assert.Equal("Z38NKT9BP95V3O", aliases["west-env"].HostedZoneId);
        Assert.Equal(("Z2FDTNDATAQYW2", false), (aliases["everyone-else"].HostedZoneId, aliases["everyone-else"].EvaluateTargetHealth));
        Assert.Equal("dualstack.east-elb-2.us-east-1.elb.amazonaws.com", aliases["east-lb2"].DnsName);
    }

    [Fact]
    public void Geolocation_and_multivalue_rules_keep_locations_and_health_checks()
    {
        var root = ImportPolicy(Example("geo-latency-multivalue.json")).Spec!.Root;

        Assert.Equal(RoutingPolicy.Geolocation, root.Routing);
        Assert.Equal("US", root.Children[0].Location!.Country);
        Assert.Equal("EU", root.Children[1].Location!.Continent);
        Assert.True(root.Children[2].Location!.IsDefault);
        var pool = root.Children[1];
        Assert.Equal(RoutingPolicy.Multivalue, pool.Routing);
        Assert.Equal(
            ["55555555-5555-5555-5555-555555555555", "66666666-6666-6666-6666-666666666666", "77777777-7777-7777-7777-777777777777"],
            pool.Children.Select(c => c.Endpoint!.HealthCheckId));
    }

    [Fact]
    public void Geoproximity_imports_each_location_with_its_region_or_coordinates_and_bias()
    {
        var result = ImportPolicy(Example("geoproximity.json"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        var root = result.Spec!.Root;
        Assert.Equal(RoutingPolicy.Geoproximity, root.Routing);
        var (west, london) = (root.Children[0].Geoproximity!, root.Children[1].Geoproximity!);
        Assert.Equal(("us-west-1", 10L), (west.AwsRegion, west.Bias));
        Assert.Equal(("51.50", "-0.16", (long?)null), (london.Latitude, london.Longitude, london.Bias));
        Assert.Equal("22222222-2222-2222-2222-222222222222", root.Children[1].Endpoint!.HealthCheckId);
        Assert.DoesNotContain(TreeValidator.Validate(result.Spec), d => d.Severity == Severity.Error);
    }
}
