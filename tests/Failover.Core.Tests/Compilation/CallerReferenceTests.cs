using Failover.Core.Compilation;
using Failover.Core.Route53;
using Failover.Testing;

namespace Failover.Core.Tests.Compilation;

[Trait("Category", "Unit")]
public class CallerReferenceTests
{
    private static readonly HealthCheckConfig Config =
        new() { Type = "HTTPS", IpAddress = "192.0.2.10", Port = 443, ResourcePath = "/health" };

    [Fact]
    public void The_same_tree_node_and_config_give_the_same_reference()
    {
        var first = TreeCompiler.Compile(SampleTrees.Www()).HealthChecks.Select(h => h.CallerReference).ToList();
        var second = TreeCompiler.Compile(SampleTrees.Www()).HealthChecks.Select(h => h.CallerReference).ToList();

        Assert.Equal(first, second);
        Assert.Equal(3, first.Distinct().Count());
    }

    [Fact]
    public void The_reference_starts_with_tree_and_node_so_people_recognise_it()
    {
        var reference = CallerReferences.For("www", "use1-a", Config);

        Assert.StartsWith("www.use1-a.", reference);
        Assert.Matches("^www\\.use1-a\\.[0-9a-f]{16}$", reference);
    }

    [Theory]
    [InlineData("www", "a")]
    [InlineData("a-very-long-tree-name-that-goes-on-and-on-and-on", "a-node-id-of-sixty-three-characters-which-is-the-label-limit-xx")]
    public void References_fit_route53s_64_characters(string tree, string node)
    {
        Assert.InRange(CallerReferences.For(tree, node, Config).Length, 1, CallerReferences.MaxLength);
    }

    [Fact]
    public void Every_config_field_changes_the_reference()
    {
        var variants = new[]
        {
            Config with { ResourcePath = "/ready" },
            Config with { Port = 8443 },
            Config with { IpAddress = "192.0.2.11" },
            Config with { Type = "HTTPS_STR_MATCH", SearchString = "ok" },
            Config with { RequestInterval = 10 },
            Config with { FailureThreshold = 2 },
            Config with { MeasureLatency = true },
            Config with { Inverted = true },
            Config with { EnableSni = true },
            Config with { FullyQualifiedDomainName = "www.example.com" },
            Config with { Regions = ["us-east-1", "eu-west-1", "ap-southeast-1"] },
        };
        var original = CallerReferences.For("www", "a", Config);

        var references = variants.Select(v => CallerReferences.For("www", "a", v)).Append(original).ToList();

        Assert.Equal(references.Count, references.Distinct().Count());
    }

    [Fact]
    public void Truncated_prefixes_still_tell_long_names_apart()
    {
        var prefix = new string('n', 60);

        Assert.NotEqual(CallerReferences.For("www", prefix + "-one", Config), CallerReferences.For("www", prefix + "-two", Config));
        Assert.NotEqual(CallerReferences.For(prefix + "-one", "a", Config), CallerReferences.For(prefix + "-two", "a", Config));
    }

    [Fact]
    public void A_salt_gives_a_new_reference_for_the_same_config()
    {
        Assert.NotEqual(CallerReferences.For("www", "a", Config), CallerReferences.For("www", "a", Config, salt: "run-2"));
        Assert.Equal(CallerReferences.For("www", "a", Config, "run-2"), CallerReferences.For("www", "a", Config, "run-2"));
    }

    [Fact]
    public void Changing_a_leafs_health_check_in_the_spec_changes_only_its_reference()
    {
        var before = TreeCompiler.Compile(SampleTrees.Www()).HealthChecks.ToDictionary(h => h.NodeId, h => h.CallerReference);
        var spec = SampleTrees.Www() with { HealthCheckDefaults = SampleTrees.Www().HealthCheckDefaults! with { FailureThreshold = 5 } };
        // use1-b overrides nothing but the path, so the new default reaches every leaf
        var after = TreeCompiler.Compile(spec).HealthChecks.ToDictionary(h => h.NodeId, h => h.CallerReference);

        Assert.All(before.Keys, node => Assert.NotEqual(before[node], after[node]));
    }

    [Fact]
    public void A_reference_tried_again_keeps_its_tree_and_node_prefix_and_length_and_is_the_same_every_time()
    {
        var reference = CallerReferences.For("www", "use1-a", Config);

        var again = Enumerable.Range(1, 3).Select(attempt => CallerReferences.Again(reference, attempt)).ToList();

        Assert.All(again, r => Assert.Matches("^www\\.use1-a\\.[0-9a-f]{16}$", r));
        Assert.Equal(4, again.Append(reference).Distinct().Count());
        Assert.Equal(again, Enumerable.Range(1, 3).Select(attempt => CallerReferences.Again(reference, attempt)));
    }
}
