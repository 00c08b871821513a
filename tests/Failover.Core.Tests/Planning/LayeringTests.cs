using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class LayeringTests
{
    [Fact]
    public void A_new_tree_from_the_issue_example_runs_in_four_layers()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty);

        Assert.Equal(["health-checks", "leaf-records", "alias-level-1", "alias-level-2"], plan.LayerNames());
        Assert.Equal(["euw1", "use1-a", "use1-b"], plan.Layer("health-checks").HealthChecks.Select(h => h.NodeId).Order());
        Assert.Equal(["euw1", "sorry", "use1-a", "use1-b"],
            plan.Layer("leaf-records").Changes().Select(c => c.RecordSet.SetIdentifier!).Order());
        Assert.Equal(["use1"], plan.Layer("alias-level-1").Changes().Select(c => c.RecordSet.SetIdentifier));
        Assert.Equal(["regions"], plan.Layer("alias-level-2").Changes().Select(c => c.RecordSet.SetIdentifier));
        Assert.All(plan.AllChanges(), c => Assert.Equal(ChangeAction.Create, c.Action));
        Assert.Empty(plan.Conflicts);
    }

    [Fact]
    public void Records_carry_placeholders_for_checks_the_plan_creates()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty);

        var euw1 = plan.Layer("leaf-records").Changes().Single(c => c.RecordSet.SetIdentifier == "euw1");
        Assert.Equal("{{healthcheck:euw1}}", euw1.RecordSet.HealthCheckId);
        Assert.Equal("euw1", euw1.NodeId);
    }

    [Fact]
    public void A_new_tree_has_a_summary_of_creates_only()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty);

        Assert.Equal(new PlanSummary(6, 0, 0, 3, 0, 0), plan.Summary);
    }

    public static TheoryData<int, int> Trees() => new() { { 11, 5 }, { 12, 60 }, { 13, 400 }, { 14, 1500 }, { 15, 3000 } };

    [Theory]
    [MemberData(nameof(Trees))]
    public void An_alias_to_a_helper_name_comes_in_a_later_layer_than_every_record_at_that_name(int seed, int leaves)
    {
        var plan = Planner.Plan(TreeCompiler.Compile(new TreeGenerator(seed).Generate(leaves)), ActualState.Empty);
        var layerOfName = new Dictionary<string, int>();
        var layerOfChange = new List<(RecordChange Change, int Layer)>();
        for (var i = 0; i < plan.Layers.Count; i++)
        {
            foreach (var change in plan.Layers[i].Changes())
            {
                layerOfChange.Add((change, i));
                layerOfName[change.RecordSet.Name] = Math.Max(layerOfName.GetValueOrDefault(change.RecordSet.Name), i);
            }
        }

        var aliasesIntoTree = 0;
        foreach (var (change, layer) in layerOfChange)
        {
            if (change.RecordSet.AliasTarget is not { } alias || !layerOfName.TryGetValue(alias.DnsName, out var targetLayer)) continue;
            aliasesIntoTree++;
            Assert.True(layer > targetLayer, $"{change.Describe()} is in layer {layer}, its target {alias.DnsName} in {targetLayer}");
        }
        Assert.Equal(layerOfChange.Count(c => c.Change.RecordSet.Name.StartsWith('_')) > 0, aliasesIntoTree > 0);
    }

    [Theory]
    [MemberData(nameof(Trees))]
    public void Every_compiled_record_appears_exactly_once(int seed, int leaves)
    {
        var tree = TreeCompiler.Compile(new TreeGenerator(seed).Generate(leaves));
        var plan = Planner.Plan(tree, ActualState.Empty);

        Assert.Equal(
            tree.Records.Select(r => r.RecordSet.Key.ToString()).Order(),
            plan.AllChanges().Select(c => c.RecordSet.Key.ToString()).Order());
        Assert.Equal(tree.HealthChecks.Count, plan.Layers.Sum(l => l.HealthChecks.Count));
    }
}
