using Failover.Core.Compilation;
using Failover.Core.Diagnostics;
using Failover.Core.Route53;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Routing;

/// <summary>The ip-based rule in the core: its validation, its compiled records and CIDR collection, and the simulator.</summary>
[Trait("Category", "Unit")]
public class IpBasedTests
{
    private const string Spec = """
        {
          "name": "offices", "hostedZoneId": "Z1", "zoneName": "example.com", "recordName": "app.example.com", "recordType": "A",
          "root": {
            "id": "by-network", "routing": "ip-based",
            "children": [
              { "id": "paris", "cidr": { "location": "paris", "blocks": ["192.0.2.0/24", "2001:db8:1::/48"] },
                "endpoint": { "values": ["198.51.100.1"], "healthCheck": { "type": "TCP", "port": 443 } } },
              { "id": "isp", "cidr": { "location": "isp", "blocks": ["192.0.0.0/16"] }, "endpoint": { "values": ["198.51.100.2"] } },
              { "id": "rest", "cidr": { "default": true }, "endpoint": { "values": ["198.51.100.3"] } }
            ]
          }
        }
        """;

    private static TreeSpec Tree() => SpecParser.Parse(Spec).Spec!;

    private static TreeSpec WithCidr(int index, CidrLocationSpec cidr)
    {
        var spec = Tree();
        var children = spec.Root.Children.ToList();
        children[index] = children[index] with { Cidr = cidr };
        return spec with { Root = spec.Root with { Children = children } };
    }

    private static List<SpecDiagnostic> Errors(TreeSpec spec) =>
        TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error).ToList();

    [Theory]
    [InlineData("192.0.2.0/25", "/1 to /24")]
    [InlineData("2001:db8::/56", "/1 to /48")]
    [InlineData("0.0.0.0/0", "default location")]
    [InlineData("192.0.2.1/24", "network address (192.0.2.0/24)")]
    [InlineData("office-lan", "not a CIDR block")]
    public void Blocks_follow_the_developer_guide_limits(string block, string words)
    {
        var error = Assert.Single(Errors(WithCidr(0, new CidrLocationSpec { Location = "paris", Blocks = [block] })));
        Assert.Equal("$.root.children[0].cidr.blocks[0]", error.Path);
        Assert.Contains(words, error.Message);
    }

    [Fact]
    public void Names_defaults_and_blocks_are_checked_across_siblings()
    {
        var longName = Errors(WithCidr(1, new CidrLocationSpec { Location = "a-very-long-location", Blocks = ["192.0.0.0/16"] }));
        var twoDefaults = Errors(WithCidr(1, new CidrLocationSpec { IsDefault = true }));
        var sameBlock = Errors(WithCidr(1, new CidrLocationSpec { Location = "isp", Blocks = ["192.0.2.0/24"] }));

        Assert.Contains("1–16", Assert.Single(longName).Message);
        Assert.Contains("one", Assert.Single(twoDefaults).Message);
        Assert.Contains("belongs to one location", Assert.Single(sameBlock).Message);
        Assert.Empty(Errors(Tree()));
    }

    // The collection is written in one ChangeCidrCollection request: 1,000 blocks pass, 1,001 are refused at the door.
    [Theory]
    [InlineData(998, false)]
    [InlineData(999, true)]
    public void A_rules_collection_holds_at_most_the_blocks_one_request_takes(int ispBlocks, bool refused)
    {
        var blocks = Enumerable.Range(0, ispBlocks).Select(i => $"10.{i / 256}.{i % 256}.0/24").ToList();

        var errors = Errors(WithCidr(1, new CidrLocationSpec { Location = "isp", Blocks = blocks }));

        if (!refused) Assert.Empty(errors);
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal("$.root.children", error.Path);
            Assert.Contains("would hold 1001 blocks", error.Message);
            Assert.Contains("at most 1000", error.Message);
        }
    }

    [Fact]
    public void Compiles_records_naming_the_rules_collection_and_the_collection_itself()
    {
        var compiled = TreeCompiler.Compile(Tree());

        var records = compiled.Records.Select(r => r.RecordSet).ToList();
        Assert.Equal(new CidrRoutingConfig("{{cidrcollection:by-network}}", "paris"), records[0].CidrRoutingConfig);
        Assert.Equal("*", records[2].CidrRoutingConfig!.LocationName);
        var collection = Assert.Single(compiled.CidrCollections);
        Assert.Equal("failover-offices_by-network", collection.Name);
        Assert.Equal("offices", DesiredCidrCollection.TreeOf(collection.Name));
        Assert.Equal("by-network", DesiredCidrCollection.RuleOf(collection.Name));
        Assert.Equal(["192.0.2.0/24", "2001:db8:1::/48"], collection.Locations["paris"]);
        Assert.Equal(["isp", "paris"], collection.Locations.Keys.Order());
    }

    [Theory]
    [InlineData("192.0.2.7", "", "paris")]
    [InlineData("192.0.77.7", "", "isp")]
    [InlineData("2001:db8:1::9", "", "paris")]
    [InlineData("203.0.113.9", "", "rest")]
    [InlineData(null, "", "rest")]
    [InlineData("192.0.2.7", "paris", "rest")]
    public void The_simulator_matches_the_longest_prefix_and_falls_back_to_the_default(string? ip, string unhealthy, string answer)
    {
        var query = new SimulationQuery(unhealthy.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet()) { ClientIp = ip };

        var result = Simulator.Simulate(Tree(), query);

        Assert.Equal(answer, Assert.Single(result.Answers).NodeId);
    }

    [Fact]
    public void A_client_address_that_is_not_one_is_an_error()
    {
        var result = Simulator.Simulate(Tree(), new SimulationQuery(new HashSet<string>()) { ClientIp = "192.0.2" });

        Assert.Equal("clientIp", Assert.Single(result.Diagnostics).Path);
    }
}
