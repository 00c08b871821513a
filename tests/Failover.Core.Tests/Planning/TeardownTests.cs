using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class TeardownTests
{
    [Fact]
    public void Teardown_deletes_top_down_then_the_checks()
    {
        var spec = SampleTrees.Www();
        var zone = new InMemoryZone("www", spec.HostedZoneId);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(spec), zone.State));

        var plan = Planner.Teardown("www", spec.HostedZoneId, zone.State);

        Assert.Equal(["delete-alias-level-2", "delete-alias-level-1", "delete-leaf-records", "health-check-cleanup"], plan.LayerNames());
        Assert.Equal(["regions"], plan.Layer("delete-alias-level-2").Changes().Select(c => c.RecordSet.SetIdentifier));
        Assert.Equal(["use1"], plan.Layer("delete-alias-level-1").Changes().Select(c => c.RecordSet.SetIdentifier));
        Assert.Equal(["euw1", "sorry", "use1-a", "use1-b"],
            plan.Layer("delete-leaf-records").Changes().Select(c => c.RecordSet.SetIdentifier!).Order());
        Assert.All(plan.AllChanges(), c => Assert.Equal(ChangeAction.Delete, c.Action));
        Assert.Equal(new PlanSummary(0, 0, 6, 0, 3, 6), plan.Summary);

        zone.Apply(plan);
        Assert.Empty(zone.Records);
        Assert.Empty(zone.HealthChecks);
    }

    [Fact]
    public void Teardown_of_a_generated_tree_empties_the_zone_and_never_leaves_a_dangling_alias()
    {
        var tree = TreeCompiler.Compile(new TreeGenerator(51).Generate(800));
        var zone = new InMemoryZone("gen", tree.Spec.HostedZoneId);
        zone.Apply(Planner.Plan(tree, zone.State));
        zone.AfterBatch = (layer, z) =>
        {
            var names = z.Records.Select(r => r.Name).ToHashSet();
            Assert.All(z.Records.Where(r => r.AliasTarget?.HostedZoneId == tree.Spec.HostedZoneId),
                r => Assert.Contains(r.AliasTarget!.DnsName, names));
        };

        zone.Apply(Planner.Teardown("gen", tree.Spec.HostedZoneId, zone.State));

        Assert.Empty(zone.Records);
        Assert.Empty(zone.HealthChecks);
    }

    [Fact]
    public void Tearing_down_an_empty_zone_is_an_empty_plan()
    {
        Assert.True(Planner.Teardown("www", "Z0000000000000000000A", ActualState.Empty).IsEmpty);
    }
}
