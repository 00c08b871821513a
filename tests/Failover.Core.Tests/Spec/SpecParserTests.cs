using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Spec;

[Trait("Category", "Unit")]
public class SpecParserTests
{
    [Fact]
    public void Reads_the_issue_example_into_the_model()
    {
        var result = SpecParser.Parse(Examples.Read("www.json"));

        Assert.Empty(result.Diagnostics);
        var spec = result.Spec!;
        Assert.Equal("www", spec.Name);
        Assert.Equal("Z0000000000000000000A", spec.HostedZoneId);
        Assert.Equal(60, spec.Ttl);
        // Not in the example: the deployment's default decides.
        Assert.Null(spec.DriftPolicy);
        Assert.Equal("HTTPS", spec.HealthCheckDefaults!.Type);
        Assert.Equal(RoutingPolicy.Failover, spec.Root.Routing);
        var regions = spec.Root.Primary!;
        Assert.Equal(RoutingPolicy.Latency, regions.Routing);
        Assert.Equal("us-east-1", regions.Children[0].Region);
        var b = regions.Children[0].Children[1];
        Assert.Equal(("use1-b", 50L, "/ready"), (b.Id, b.Weight!.Value, b.Endpoint!.HealthCheck!.Path!));
        Assert.Equal(["192.0.2.11"], b.Endpoint.Values);
        var sorry = spec.Root.Secondary!;
        Assert.Equal(NodeKind.Alias, sorry.Kind);
        Assert.True(sorry.Alias!.EvaluateTargetHealth);
        Assert.Equal("Z3AQBSTGFYJSTF", sorry.Alias.HostedZoneId);
    }

    [Fact]
    public void Every_node_gets_its_json_path()
    {
        var spec = SpecParser.Parse(Examples.Read("www.json")).Spec!;

        var paths = spec.Root.DescendantsAndSelf().Select(n => (n.Id, n.Path)).ToList();

        Assert.Equal(
        [
            ("root", "$.root"), ("regions", "$.root.primary"), ("use1", "$.root.primary.children[0]"),
            ("use1-a", "$.root.primary.children[0].children[0]"), ("use1-b", "$.root.primary.children[0].children[1]"),
            ("euw1", "$.root.primary.children[1]"), ("sorry", "$.root.secondary"),
        ], paths);
    }

    [Fact]
    public void Names_are_lower_cased_without_a_trailing_dot()
    {
        var text = Examples.Read("www.json")
            .Replace("\"zoneName\": \"example.com\"", "\"zoneName\": \"Example.COM.\"")
            .Replace("\"recordName\": \"www.example.com\"", "\"recordName\": \"WWW.Example.com.\"")
            .Replace("\"s3-website-us-east-1.amazonaws.com\"", "\"S3-Website-US-East-1.amazonaws.com.\"");

        var spec = SpecParser.Parse(text).Spec!;

        Assert.Equal("example.com", spec.ZoneName);
        Assert.Equal("www.example.com", spec.RecordName);
        Assert.Equal("s3-website-us-east-1.amazonaws.com", spec.Root.Secondary!.Alias!.DnsName);
    }

    [Fact]
    public void Drift_policy_is_read()
    {
        var text = Examples.Read("www.json").Replace("\"ttl\": 60,", "\"ttl\": 60, \"driftPolicy\": \"repair\",");

        Assert.Equal(DriftPolicy.Repair, SpecParser.Parse(text).Spec!.DriftPolicy);
    }

    [Fact]
    public void Wrong_types_unknown_and_missing_fields_are_all_reported_at_once_with_paths()
    {
        const string text = """
            {
              "name": "www", "zoneName": "example.com", "recordName": "www.example.com", "recordType": "A",
              "ttl": "sixty",
              "root": { "id": "root", "routing": "weighted", "children": [
                { "id": "a", "weight": "50", "endpoint": { "values": ["192.0.2.1"] } },
                { "id": "b", "wieght": 50, "endpoint": { "values": "192.0.2.2" } },
                { "id": "c", "weight": 1, "routing": "roundrobin", "children": [] } ] }
            }
            """;

        var result = SpecParser.Parse(text);

        Assert.Null(result.Spec);
        Assert.True(result.HasErrors);
        var byPath = result.Diagnostics.ToDictionary(d => d.Path, d => d.Message);
        Assert.Equal("required field is missing", byPath["$.hostedZoneId"]);
        Assert.StartsWith("expected an integer, found a string (\"sixty\")", byPath["$.ttl"]);
        Assert.StartsWith("expected an integer, found a string (\"50\")", byPath["$.root.children[0].weight"]);
        Assert.Contains("did you mean \"weight\"", byPath["$.root.children[1].wieght"]);
        Assert.StartsWith("expected an array of strings", byPath["$.root.children[1].endpoint.values"]);
        Assert.StartsWith("\"roundrobin\" is not one of failover, weighted", byPath["$.root.children[2].routing"]);
        Assert.Equal(6, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal(Severity.Error, d.Severity));
    }

    [Fact]
    public void Field_problems_carry_line_and_column()
    {
        const string text = "{\n  \"name\": 5\n}";

        var diagnostic = Assert.Single(SpecParser.Parse(text).Diagnostics, d => d.Path == "$.name");

        Assert.Equal((2, 11), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void A_ttl_on_an_alias_gets_an_explanation()
    {
        var text = Examples.Read("www.json")
            .Replace("\"hostedZoneId\": \"Z3AQBSTGFYJSTF\"", "\"hostedZoneId\": \"Z3AQBSTGFYJSTF\", \"ttl\": 60");

        var diagnostic = Assert.Single(SpecParser.Parse(text).Diagnostics);

        Assert.Equal("$.root.secondary.alias.ttl", diagnostic.Path);
        Assert.Contains("alias records have no TTL", diagnostic.Message);
    }

    [Fact]
    public void Odd_field_names_are_quoted_in_the_path()
    {
        var text = Examples.Read("www.json").Replace("\"ttl\": 60,", "\"ttl\": 60, \"my field\": 1,");

        Assert.Equal("$['my field']", Assert.Single(SpecParser.Parse(text).Diagnostics).Path);
    }

    [Fact]
    public void Null_optional_fields_read_as_absent()
    {
        var text = Examples.Read("www.json").Replace("\"ttl\": 60,", "\"ttl\": null, \"driftPolicy\": null,");

        var spec = SpecParser.Parse(text).Spec!;

        Assert.Equal(60L, spec.Ttl);
        Assert.Null(spec.DriftPolicy);
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        Assert.Empty(SpecParser.Parse("\uFEFF" + Examples.Read("www.json")).Diagnostics);
    }
}
