using Failover.Core.Diagram;
using Failover.Core.Spec;
using static Failover.Core.Tests.Simulation.Trees;

namespace Failover.Core.Tests.Diagram;

[Trait("Category", "Unit")]
public class DiagramLabelTests
{
    /// <summary>The Mermaid label of the node with this id, lines joined by " | ".</summary>
    private static string LabelOf(TreeSpec spec, string nodeId)
    {
        var line = DiagramRenderer.Mermaid(spec).Split('\n')
            .Single(l => l.StartsWith($"  n_{nodeId.Replace('-', '_')}[\"", StringComparison.Ordinal));
        var label = line[(line.IndexOf("[\"", StringComparison.Ordinal) + 2)..line.LastIndexOf("\"]", StringComparison.Ordinal)];
        return label.Replace("<br/>", " | ");
    }

    [Fact]
    public void Starts_with_a_top_down_flowchart()
    {
        Assert.StartsWith("flowchart TD\n", DiagramRenderer.Mermaid(Complex()));
    }

    [Fact]
    public void Root_rule_says_where_its_records_live()
    {
        Assert.Equal("root | failover rule | records at www.example.com", LabelOf(Complex(), "root"));
    }

    [Fact]
    public void Nested_rules_are_alias_records_named_by_the_parent_policy()
    {
        var spec = Complex();

        Assert.Equal(
            "regions | failover alias (PRIMARY) | www.example.com → _regions.www.example.com | latency rule, evaluates target health",
            LabelOf(spec, "regions"));
        Assert.Equal(
            "use1 | latency alias (us-east-1) | _regions.www.example.com → _use1.www.example.com | weighted rule, evaluates target health",
            LabelOf(spec, "use1"));
    }

    [Fact]
    public void Weighted_and_geolocation_aliases_carry_their_attribute()
    {
        var spec = Tree(Weighted("top",
            Geo("geo", Endpoint("de").Country("DE"), Endpoint("eu").Continent("EU"), Endpoint("ca").Country("US", "CA"),
                Endpoint("rest").Default()).W(50),
            Endpoint("other").W(50)));

        Assert.StartsWith("geo | weighted alias (w=50) | ", LabelOf(spec, "geo"));
        Assert.StartsWith("de | geolocation record (DE) | _geo.www.example.com | ", LabelOf(spec, "de"));
        Assert.StartsWith("eu | geolocation record (continent EU) | ", LabelOf(spec, "eu"));
        Assert.StartsWith("ca | geolocation record (US-CA) | ", LabelOf(spec, "ca"));
        Assert.StartsWith("rest | geolocation record (default) | ", LabelOf(spec, "rest"));
        Assert.StartsWith("other | weighted record (w=50) | www.example.com | ", LabelOf(spec, "other"));
    }

    [Fact]
    public void Geolocation_alias_names_its_location()
    {
        var spec = Tree(Geo("geo", Weighted("german", Endpoint("g1").W(1)).Country("DE"), Endpoint("rest").Default()));

        Assert.StartsWith("german | geolocation alias (DE) | www.example.com → _german.www.example.com", LabelOf(spec, "german"));
    }

    [Fact]
    public void Endpoint_records_show_their_health_check_merged_over_the_defaults()
    {
        var spec = Tree(
            FailoverRule("f",
                new TreeNode { Id = "p", Path = "",
                    Endpoint = new EndpointSpec { Values = ["192.0.2.1"], HealthCheck = new HealthCheckSettings { Path = "/ready" } } },
                new TreeNode { Id = "s", Path = "", Endpoint = new EndpointSpec { Values = ["192.0.2.2"], HealthCheckId = "abcd-1234" } }),
            defaults: new HealthCheckSettings { Type = "HTTPS", Port = 443, Path = "/health" });

        Assert.Equal("p | failover record (PRIMARY) | www.example.com | HTTPS :443 /ready", LabelOf(spec, "p"));
        Assert.Equal("s | failover record (SECONDARY) | www.example.com | health check abcd-1234", LabelOf(spec, "s"));
    }

    [Fact]
    public void Records_without_health_check_say_so()
    {
        var spec =
            Tree(Multivalue("mv", Endpoint("a", healthChecked: false), Endpoint("b")),
            defaults: new HealthCheckSettings { Type = "TCP", Port = 22 });

        Assert.Equal("a | multivalue record | www.example.com | no health check", LabelOf(spec, "a"));
        Assert.Equal("b | multivalue record | www.example.com | TCP :22", LabelOf(spec, "b"));
    }

    [Fact]
    public void A_leaf_at_the_root_is_a_simple_record()
    {
        Assert.Equal("only | simple record | www.example.com | no health check",
            LabelOf(Tree(Endpoint("only", healthChecked: false)), "only"));
    }

    [Fact]
    public void Latency_records_name_their_region()
    {
        var spec = Tree(Latency("lat", Endpoint("east").In("us-east-1"), Endpoint("west").In("us-west-2")));

        Assert.StartsWith("west | latency record (us-west-2) | www.example.com | ", LabelOf(spec, "west"));
    }

    [Theory]
    [InlineData("my-lb-1234.us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K", "ELB")]
    [InlineData("dualstack.my-lb-1234.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2", "ELB")]
    [InlineData("net-lb-74f87b114e21682a.elb.us-east-1.amazonaws.com", "Z26RNL4JYFTOTI", "ELB")]
    [InlineData("d111111abcdef8.cloudfront.net", "Z2FDTNDATAQYW2", "CloudFront")]
    [InlineData("s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF", "S3 website")]
    [InlineData("s3-website.eu-central-1.amazonaws.com", "Z21DNDUVLTQW6Q", "S3 website")]
    [InlineData("d-abcde12345.execute-api.us-east-1.amazonaws.com", "Z1UJRXOUMOOFQ8", "API Gateway")]
    [InlineData("my-env.eba-ns4qrife.us-east-1.elasticbeanstalk.com", "Z117KPS5GTRQ2G", "Elastic Beanstalk")]
    [InlineData("other.example.com", "Z0000000000000000000A", "record in zone")]
    [InlineData("something.example.net", "ZXXXXXXXXXXXXX", "AWS resource")]
    public void Alias_leaves_name_their_target(string dnsName, string zoneId, string expected)
    {
        var spec = Tree(Alias("target", dnsName, zoneId));

        Assert.Equal($"target | alias to {expected} | www.example.com | evaluates target health", LabelOf(spec, "target"));
    }

    [Fact]
    public void Alias_leaf_under_a_rule_combines_policy_and_target()
    {
        var spec = Tree(FailoverRule("f",
            Alias("lb", "my-lb.us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K"),
            Alias("cdn", "d111111abcdef8.cloudfront.net", "Z2FDTNDATAQYW2", evaluateTargetHealth: false)));

        Assert.Equal("lb | failover alias (PRIMARY) to ELB | www.example.com | evaluates target health", LabelOf(spec, "lb"));
        Assert.Equal("cdn | failover alias (SECONDARY) to CloudFront | www.example.com | no health check", LabelOf(spec, "cdn"));
    }

    [Fact]
    public void Edges_carry_the_child_policy_attribute()
    {
        var mermaid = DiagramRenderer.Mermaid(Complex());

        Assert.Contains("  n_root -->|\"PRIMARY\"| n_regions\n", mermaid);
        Assert.Contains("  n_root -->|\"SECONDARY\"| n_sorry\n", mermaid);
        Assert.Contains("  n_regions -->|\"ap-southeast-2\"| n_apse2\n", mermaid);
        Assert.Contains("  n_apse2 -->|\"w=3\"| n_apse2_a\n", mermaid);
    }
}
