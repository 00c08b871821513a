using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Testing;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class PlanTextWriterTests
{
    [Fact]
    public void Each_layer_is_a_numbered_table_with_a_row_per_change()
    {
        var text = PlanTextWriter.Write(Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty));
        var lines = text.Split('\n');

        Assert.StartsWith("Plan for tree 'www' in hosted zone Z0000000000000000000A", lines[0]);
        Assert.Contains("1. health-checks (3 to create)", lines);
        Assert.Contains("2. leaf-records (4 changes in 1 batch)", lines);
        Assert.Contains("4. alias-level-2 (1 change in 1 batch)", lines);
        Assert.Contains(lines, l => l.Contains("ACTION") && l.Contains("SET ID") && l.Contains("ROUTING") && l.Contains("HEALTH CHECK"));
        var primary = Assert.Single(lines, l => l.Contains(" regions "));
        Assert.Contains("failover primary", primary);
        Assert.Contains("alias _regions.www.example.com (evaluate health)", primary);
        var weighted = Assert.Single(lines, l => l.Contains(" use1-b ") && l.Contains("_use1.www.example.com"));
        Assert.Contains("weighted 50", weighted);
        Assert.Contains("192.0.2.11 (ttl 60)", weighted);
        Assert.Contains("{{healthcheck:use1-b}}", weighted);
        Assert.Contains(lines, l => l.Contains("HTTPS 192.0.2.11:443/ready every 30s, 3 failures"));
    }

    [Fact]
    public void An_empty_plan_says_nothing_changes()
    {
        var zone = new InMemoryZone("www", "Z0000000000000000000A");
        var tree = TreeCompiler.Compile(SampleTrees.Www());
        zone.Apply(Planner.Plan(tree, zone.State));

        Assert.Contains("Nothing to change", PlanTextWriter.Write(Planner.Plan(tree, zone.State)));
    }
}
