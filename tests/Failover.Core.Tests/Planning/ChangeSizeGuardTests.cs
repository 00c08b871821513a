using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class ChangeSizeGuardTests
{
    private static TreeSpec Weighted(params string[] values) => SampleTrees.With(new TreeNode
    {
        Id = "root", Path = "$.root", Routing = RoutingPolicy.Weighted,
        Children = values.Select((v, i) => SampleTrees.Endpoint($"n{i}", $"$.root.children[{i}]", v) with { Weight = 1 }).ToList(),
    });

    private static (Plan Plan, ActualState Actual) Update(TreeSpec before, TreeSpec after)
    {
        var zone = new InMemoryZone(before.Name, before.HostedZoneId);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(before), zone.State));
        return (Planner.Plan(TreeCompiler.Compile(after), zone.State), zone.State);
    }

    [Fact]
    public void Changing_more_than_half_of_the_records_is_refused_with_the_counts()
    {
        var (plan, actual) =
            Update(Weighted("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"), Weighted("192.0.2.1", "192.0.2.9", "192.0.2.8"));

        var diagnostic = ChangeSizeGuard.Check(plan, actual, force: false);

        Assert.NotNull(diagnostic);
        Assert.Equal("$", diagnostic.Path);
        Assert.Contains("3 of the 4", diagnostic.Message);
        Assert.Contains("force", diagnostic.Message);
    }

    [Fact]
    public void Force_lets_a_large_change_through()
    {
        var (plan, actual) = Update(Weighted("192.0.2.1", "192.0.2.2"), Weighted("192.0.2.8", "192.0.2.9"));

        Assert.NotNull(ChangeSizeGuard.Check(plan, actual, force: false));
        Assert.Null(ChangeSizeGuard.Check(plan, actual, force: true));
    }

    [Fact]
    public void Exactly_half_is_allowed()
    {
        var (plan, actual) =
            Update(Weighted("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"), Weighted("192.0.2.1", "192.0.2.2", "192.0.2.8"));

        Assert.Equal(2, plan.Summary.ExistingRecordsDeletedOrReplaced);
        Assert.Null(ChangeSizeGuard.Check(plan, actual, force: false));
    }

    [Fact]
    public void A_new_tree_is_never_refused()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(Weighted("192.0.2.1")), ActualState.Empty);

        Assert.Null(ChangeSizeGuard.Check(plan, ActualState.Empty, force: false));
    }
}
