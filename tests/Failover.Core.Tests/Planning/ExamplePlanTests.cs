using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Planning;

/// <summary>The shipped examples, read by the real parser, compile and plan cleanly.</summary>
[Trait("Category", "Unit")]
public class ExamplePlanTests
{
    private static TreeSpec Parse(string file)
    {
        var result = SpecParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", file)));
        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics));
        return result.Spec!;
    }

    [Fact]
    public void The_parsed_www_example_plans_exactly_like_the_tree_built_in_code()
    {
        var parsed = PlanJson.Write(Planner.Plan(TreeCompiler.Compile(Parse("www.json")), ActualState.Empty));
        var built = PlanJson.Write(Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty));

        Assert.Equal(built, parsed);
    }

    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"))
            .Where(f => f.EndsWith(".json") || f.EndsWith(".yaml")).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_converges_on_an_in_memory_zone(string file)
    {
        var tree = TreeCompiler.Compile(Parse(file));
        var zone = new InMemoryZone(tree.Spec.Name, tree.Spec.HostedZoneId);

        zone.Apply(Planner.Plan(tree, zone.State));

        Assert.Equal(tree.Records.Count, zone.Records.Count);
        Assert.True(Planner.Plan(tree, zone.State).IsEmpty);
        zone.Apply(Planner.Teardown(tree.Spec.Name, tree.Spec.HostedZoneId, zone.State));
        Assert.Empty(zone.Records);
        Assert.Empty(zone.HealthChecks);
        Assert.Empty(zone.CidrCollections);
    }
}
