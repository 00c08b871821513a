using Failover.Core.Diagram;
using static Failover.Core.Tests.Simulation.Trees;

namespace Failover.Core.Tests.Diagram;

[Trait("Category", "Unit")]
public class DiagramOverlayTests
{
    private static readonly DiagramOverlay Overlay = new(new Dictionary<string, NodeOverlay>
    {
        ["use1-a"] = new(RunProgress.Done, Health: HealthState.Healthy),
        ["use1-b"] = new(RunProgress.Failed),
        ["apse2-a"] = new(RunProgress.InProgress),
        ["apse2-b"] = new(Health: HealthState.Unhealthy),
        ["sorry"] = new(RunProgress.Pending, DriftState.Missing),
        ["regions"] = new(Drift: DriftState.Changed),
        ["not-in-tree"] = new(RunProgress.Done),
    });

    [Fact]
    public void Without_overlay_there_are_no_classes()
    {
        Assert.DoesNotContain("class", DiagramRenderer.Mermaid(Complex()));
        Assert.DoesNotContain("fillcolor", DiagramRenderer.Dot(Complex()));
    }

    [Fact]
    public void Mermaid_defines_only_the_classes_used_and_assigns_each_node()
    {
        var mermaid = DiagramRenderer.Mermaid(Complex(), Overlay);

        Assert.Contains("  class n_use1_a done\n", mermaid);
        Assert.Contains("  class n_use1_a healthy\n", mermaid);
        Assert.Contains("  class n_use1_b failed\n", mermaid);
        Assert.Contains("  class n_apse2_a inProgress\n", mermaid);
        Assert.Contains("  class n_apse2_b unhealthy\n", mermaid);
        Assert.Contains("  class n_sorry pending\n", mermaid);
        Assert.Contains("  class n_sorry driftMissing\n", mermaid);
        Assert.Contains("  class n_regions driftChanged\n", mermaid);
        Assert.Contains("  classDef failed fill:", mermaid);
        Assert.Contains("  classDef driftMissing stroke:", mermaid);
        Assert.Equal(8, mermaid.Split('\n').Count(l => l.StartsWith("  classDef ", StringComparison.Ordinal)));
        Assert.DoesNotContain("not-in-tree", mermaid);
    }

    [Fact]
    public void Mermaid_declares_health_before_progress_so_progress_fill_wins()
    {
        var mermaid = DiagramRenderer.Mermaid(Complex(), Overlay);

        Assert.True(
            mermaid.IndexOf("classDef healthy", StringComparison.Ordinal) < mermaid.IndexOf("classDef done", StringComparison.Ordinal));
    }

    [Fact]
    public void Dot_fills_by_progress_then_health_and_dashes_drift()
    {
        var dot = DiagramRenderer.Dot(Complex(), Overlay).Split('\n');

        string Node(string id) => dot.Single(l => l.StartsWith($"  {id} [", StringComparison.Ordinal));
        var done = Node("n_use1_a");
        var failed = Node("n_use1_b");
        var unhealthy = Node("n_apse2_b");
        Assert.Contains("style=\"rounded,filled\"", done);
        Assert.NotEqual(Fill(done), Fill(failed));
        Assert.NotEqual(Fill(done), Fill(unhealthy));
        Assert.Contains("style=\"rounded,filled,dashed\"", Node("n_sorry"));
        Assert.Contains("style=\"rounded,dashed\"", Node("n_regions"));
        Assert.DoesNotContain("fillcolor", Node("n_root"));
    }

    private static string Fill(string line)
    {
        var at = line.IndexOf("fillcolor=\"", StringComparison.Ordinal) + "fillcolor=\"".Length;
        return line[at..line.IndexOf('"', at)];
    }
}
