using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Compilation;

[Trait("Category", "Unit")]
public class TreeCompilerTests
{
    private static ResourceRecordSet Record(CompiledTree tree, string setIdentifier) =>
        tree.Records.Single(r => r.RecordSet.SetIdentifier == setIdentifier).RecordSet;

    private static int Level(CompiledTree tree, string nodeId) => tree.Records.Single(r => r.NodeId == nodeId).Level;

    [Fact]
    public void The_issue_example_compiles_to_six_records_at_three_names()
    {
        var tree = TreeCompiler.Compile(SampleTrees.Www());

        Assert.Equal(6, tree.Records.Count);
        Assert.Equal(
            ["_regions.www.example.com", "_use1.www.example.com", "www.example.com"],
            tree.Records.Select(r => r.RecordSet.Name).Distinct().Order());
        Assert.All(tree.Records, r => Assert.Equal("A", r.RecordSet.Type));
        Assert.All(tree.Records, r => Assert.Equal(r.NodeId, r.RecordSet.SetIdentifier));
    }

    [Fact]
    public void The_root_rule_puts_its_children_at_the_record_name_with_failover_roles()
    {
        var tree = TreeCompiler.Compile(SampleTrees.Www());

        var primary = Record(tree, "regions");
        Assert.Equal("www.example.com", primary.Name);
        Assert.Equal("PRIMARY", primary.Failover);
        Assert.Equal(new AliasTarget("Z0000000000000000000A", "_regions.www.example.com", true), primary.AliasTarget);
        Assert.Null(primary.Ttl);

        var secondary = Record(tree, "sorry");
        Assert.Equal("SECONDARY", secondary.Failover);
        Assert.Equal(new AliasTarget("Z3AQBSTGFYJSTF", "s3-website-us-east-1.amazonaws.com", true), secondary.AliasTarget);
        Assert.Null(secondary.Ttl);
        Assert.Empty(secondary.ResourceRecords);
    }

    [Fact]
    public void Nested_rules_live_at_their_helper_names_and_take_the_policy_of_their_parent()
    {
        var tree = TreeCompiler.Compile(SampleTrees.Www());

        var use1 = Record(tree, "use1");
        Assert.Equal("_regions.www.example.com", use1.Name);
        Assert.Equal("us-east-1", use1.Region);
        Assert.Equal("_use1.www.example.com", use1.AliasTarget!.DnsName);

        var euw1 = Record(tree, "euw1");
        Assert.Equal("eu-west-1", euw1.Region);
        Assert.Equal(["198.51.100.7"], euw1.ResourceRecords);
        Assert.Equal(60, euw1.Ttl);
        Assert.Equal("{{healthcheck:euw1}}", euw1.HealthCheckId);

        var a = Record(tree, "use1-a");
        Assert.Equal("_use1.www.example.com", a.Name);
        Assert.Equal(50, a.Weight);
        Assert.Null(a.Region);
    }

    [Fact]
    public void Levels_count_alias_hops_to_records_outside_the_tree()
    {
        var tree = TreeCompiler.Compile(SampleTrees.Www());

        Assert.Equal(0, Level(tree, "use1-a"));
        Assert.Equal(0, Level(tree, "use1-b"));
        Assert.Equal(0, Level(tree, "euw1"));
        Assert.Equal(0, Level(tree, "sorry"));
        Assert.Equal(1, Level(tree, "use1"));
        Assert.Equal(2, Level(tree, "regions"));
    }

    [Fact]
    public void Each_health_checked_leaf_gets_one_check_merged_over_the_defaults()
    {
        var tree = TreeCompiler.Compile(SampleTrees.Www());

        Assert.Equal(["euw1", "use1-a", "use1-b"], tree.HealthChecks.Select(h => h.NodeId).Order());
        var b = tree.HealthChecks.Single(h => h.NodeId == "use1-b").Config;
        Assert.Equal("/ready", b.ResourcePath);
        Assert.Equal("HTTPS", b.Type);
        Assert.Equal(443, b.Port);
        Assert.Equal("192.0.2.11", b.IpAddress);
        Assert.Null(b.FullyQualifiedDomainName);
        Assert.Equal("/health", tree.HealthChecks.Single(h => h.NodeId == "use1-a").Config.ResourcePath);
    }

    [Fact]
    public void A_root_leaf_becomes_one_simple_record()
    {
        var spec =
            SampleTrees.With(
            SampleTrees.Endpoint("only", "$.root", "192.0.2.1") with { Endpoint = new EndpointSpec { Values = ["192.0.2.1"], Ttl = 300 } });

        var record = Assert.Single(TreeCompiler.Compile(spec).Records);

        Assert.Equal("t.example.com", record.RecordSet.Name);
        Assert.Null(record.RecordSet.SetIdentifier);
        Assert.Equal(RecordRoutingPolicy.Simple, RecordRouting.PolicyOf(record.RecordSet));
        Assert.Equal(300, record.RecordSet.Ttl);
        Assert.Equal(0, record.Level);
    }

    [Fact]
    public void Geolocation_and_multivalue_children_get_their_policy_fields()
    {
        var geo = new TreeNode
        {
            Id = "geo", Path = "$.root", Routing = RoutingPolicy.Geolocation,
            Children =
            [
                SampleTrees.Endpoint("any", "$.root.children[0]", "192.0.2.1") with { Location = new GeoLocationSpec { IsDefault = true } },
                SampleTrees.Endpoint("eu", "$.root.children[1]", "192.0.2.2") with { Location = new GeoLocationSpec { Continent = "EU" } },
                SampleTrees.Endpoint("ca", "$.root.children[2]",
                    "192.0.2.3") with { Location = new GeoLocationSpec { Country = "US", Subdivision = "CA" } },
                new TreeNode
                {
                    Id = "mv", Path = "$.root.children[3]", Routing = RoutingPolicy.Multivalue,
                        Location = new GeoLocationSpec { Country = "DE" },
                    Children = [SampleTrees.Endpoint("mv-1", "$.root.children[3].children[0]", "192.0.2.4")],
                },
            ],
        };

        var tree = TreeCompiler.Compile(SampleTrees.With(geo));

        Assert.Equal(new GeoLocation(null, "*", null), Record(tree, "any").GeoLocation);
        Assert.Equal(new GeoLocation("EU", null, null), Record(tree, "eu").GeoLocation);
        Assert.Equal(new GeoLocation(null, "US", "CA"), Record(tree, "ca").GeoLocation);
        Assert.Equal(new GeoLocation(null, "DE", null), Record(tree, "mv").GeoLocation);
        Assert.True(Record(tree, "mv-1").MultiValueAnswer);
        Assert.Equal("_mv.t.example.com", Record(tree, "mv-1").Name);
    }

    [Fact]
    public void A_given_health_check_id_is_attached_and_no_check_is_created()
    {
        var leaf =
            SampleTrees.Endpoint("a", "$.root",
            "192.0.2.1") with { Endpoint = new EndpointSpec { Values = ["192.0.2.1"], HealthCheckId = "abcd-1234" } };

        var tree = TreeCompiler.Compile(SampleTrees.With(leaf));

        Assert.Empty(tree.HealthChecks);
        Assert.Equal("abcd-1234", tree.Records[0].RecordSet.HealthCheckId);
    }

    [Fact]
    public void Alias_records_never_carry_a_ttl_and_endpoints_always_do()
    {
        for (var seed = 1; seed <= 10; seed++)
        {
            var tree = TreeCompiler.Compile(new TreeGenerator(seed).Generate(200));
            Assert.All(tree.Records.Where(r => r.RecordSet.IsAlias), r => Assert.Null(r.RecordSet.Ttl));
            Assert.All(tree.Records.Where(r => !r.RecordSet.IsAlias), r => Assert.NotNull(r.RecordSet.Ttl));
        }
    }

    [Fact]
    public void Names_are_lower_case_without_the_trailing_dot()
    {
        var spec = SampleTrees.Www() with { RecordName = "WWW.Example.COM." };

        var tree = TreeCompiler.Compile(spec);

        Assert.All(tree.Records, r => Assert.Equal(r.RecordSet.Name.ToLowerInvariant(), r.RecordSet.Name));
        Assert.All(tree.Records, r => Assert.False(r.RecordSet.Name.EndsWith('.')));
    }
}
