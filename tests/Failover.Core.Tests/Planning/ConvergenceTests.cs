using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

/// <summary>Plans applied to an in-memory zone: re-planning converges to nothing, and updates never leave the name unanswered.</summary>
[Trait("Category", "Unit")]
public class ConvergenceTests
{
    [Theory]
    [InlineData(21, 1)]
    [InlineData(22, 30)]
    [InlineData(23, 500)]
    [InlineData(24, 2000)]
    public void Replanning_after_applying_a_plan_yields_an_empty_plan(int seed, int leaves)
    {
        var tree = TreeCompiler.Compile(new TreeGenerator(seed).Generate(leaves));
        var zone = new InMemoryZone(tree.Spec.Name, tree.Spec.HostedZoneId);

        zone.Apply(Planner.Plan(tree, zone.State));
        var again = Planner.Plan(tree, zone.State);

        Assert.True(again.IsEmpty, PlanTextWriter.Write(again));
        Assert.Empty(again.Layers);
        Assert.Equal(tree.Records.Count, zone.Records.Count);
        Assert.Equal(tree.HealthChecks.Count, zone.HealthChecks.Count);
        Assert.DoesNotContain(zone.Records, r => HealthCheckPlaceholder.IsPlaceholder(r.HealthCheckId));
    }

    [Fact]
    public void Moving_between_two_different_trees_converges_and_cleans_up()
    {
        var first = TreeCompiler.Compile(new TreeGenerator(31).Generate(300));
        var second = TreeCompiler.Compile(new TreeGenerator(32).Generate(300));
        var zone = new InMemoryZone("gen", first.Spec.HostedZoneId);

        zone.Apply(Planner.Plan(first, zone.State));
        zone.Apply(Planner.Plan(second, zone.State));

        Assert.True(Planner.Plan(second, zone.State).IsEmpty);
        Assert.Equal(second.Records.Select(r => r.RecordSet.Key.ToString()).Order(), zone.Records.Select(r => r.Key.ToString()).Order());
        Assert.Equal(second.HealthChecks.Select(h => h.CallerReference).Order(), zone.HealthChecks.Select(h => h.CallerReference).Order());
    }

    [Fact]
    public void An_update_keeps_every_alias_target_in_place_after_every_batch()
    {
        var first = TreeCompiler.Compile(new TreeGenerator(41).Generate(200));
        var second = TreeCompiler.Compile(new TreeGenerator(42).Generate(200));
        var zone = new InMemoryZone("gen", first.Spec.HostedZoneId);
        zone.Apply(Planner.Plan(first, zone.State));
        var batches = 0;
        zone.AfterBatch = (layer, z) =>
        {
            batches++;
            var names = z.Records.Select(r => r.Name).ToHashSet();
            Assert.Contains("gen.example.com", names);
            foreach (var record in z.Records.Where(r => r.AliasTarget?.HostedZoneId == first.Spec.HostedZoneId))
                Assert.True(
                    names.Contains(
                    record.AliasTarget!.DnsName), $"after a batch of {layer}, {record.Key} points at missing {record.AliasTarget.DnsName}");
        };

        zone.Apply(Planner.Plan(second, zone.State));

        Assert.True(batches > 1);
    }

    [Fact]
    public void Switching_the_root_from_weighted_to_failover_never_leaves_the_name_empty()
    {
        var weighted = SampleTrees.With(new TreeNode
        {
            Id = "root", Path = "$.root", Routing = RoutingPolicy.Weighted,
            Children =
                [SampleTrees.Endpoint("a", "$.root.children[0]", "192.0.2.1") with { Weight = 1 },
                SampleTrees.Endpoint("b", "$.root.children[1]", "192.0.2.2") with { Weight = 1 }],
        });
        var failover = SampleTrees.With(new TreeNode
        {
            Id = "root", Path = "$.root", Routing = RoutingPolicy.Failover,
            Primary = SampleTrees.Endpoint("a", "$.root.primary", "192.0.2.1", new HealthCheckSettings()),
            Secondary = SampleTrees.Endpoint("c", "$.root.secondary", "192.0.2.3"),
        });
        var zone = new InMemoryZone("t", weighted.HostedZoneId);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(weighted), zone.State));
        zone.AfterBatch = (_, z) => Assert.Contains(z.Records, r => r.Name == "t.example.com");

        zone.Apply(Planner.Plan(TreeCompiler.Compile(failover), zone.State));

        Assert.Equal(["PRIMARY", "SECONDARY"], zone.Records.Select(r => r.Failover!).Order());
        Assert.True(Planner.Plan(TreeCompiler.Compile(failover), zone.State).IsEmpty);
    }
}
