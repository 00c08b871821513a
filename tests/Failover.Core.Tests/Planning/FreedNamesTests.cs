using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

/// <summary>
/// The names a plan stops answering for, as the direct apply gives their claims back: a name is freed only when no record
/// of the tree is left at it in that zone, not when one of its record sets goes.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FreedNamesTests
{
    [Fact]
    public void Removing_one_record_set_of_a_name_frees_nothing()
    {
        var spec = SampleTrees.Www();
        var use1 = spec.Root.Primary!.Children[0];
        var smaller = WithPrimaryChild(spec, use1 with { Children = [use1.Children[0]] });

        Assert.Empty(FreedNames.Of(PlanFrom(spec, smaller), TreeCompiler.Compile(smaller)));
    }

    [Fact]
    public void A_nested_rule_replaced_by_an_endpoint_frees_its_helper_name_only()
    {
        var spec = SampleTrees.Www();
        var endpoint = SampleTrees.Endpoint("use1", "$.root.primary.children[0]", "192.0.2.10") with { Region = "us-east-1" };
        var flatter = WithPrimaryChild(spec, endpoint);

        var freed = FreedNames.Of(PlanFrom(spec, flatter), TreeCompiler.Compile(flatter));

        Assert.Equal([(spec.HostedZoneId, HelperNames.For("use1", spec.RecordName), "A")], freed);
    }

    private static TreeSpec WithPrimaryChild(TreeSpec spec, TreeNode child) => spec with
    {
        Root = spec.Root with
        {
            Primary = spec.Root.Primary! with { Children = [child, .. spec.Root.Primary.Children.Skip(1)] },
        },
    };

    /// <summary>The plan from <paramref name="applied"/>, built and owned, to <paramref name="next"/>.</summary>
    private static Plan PlanFrom(TreeSpec applied, TreeSpec next)
    {
        var built = TreeCompiler.Compile(applied).Records.Select(r => r.RecordSet).ToList();
        var plan = Planner.Plan(TreeCompiler.Compile(next), new ActualState(built, [], built.Select(r => r.Key).ToHashSet()));
        Assert.False(plan.IsEmpty);
        return plan;
    }
}
