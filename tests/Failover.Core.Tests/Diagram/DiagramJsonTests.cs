using System.Text.Json;
using Failover.Core.Diagram;
using static Failover.Core.Tests.Simulation.Trees;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Diagram;

[Trait("Category", "Unit")]
public class DiagramJsonTests
{
    private static JsonElement Nodes(string json) => JsonDocument.Parse(json).RootElement.GetProperty("nodes");

    private static JsonElement Node(string json, string id) =>
        Nodes(json).EnumerateArray().Single(n => n.GetProperty("id").GetString() == id);

    [Fact]
    public void Every_node_comes_once_parents_before_children()
    {
        var json = DiagramJson.Write(Complex());
        var seen = new List<string>();
        foreach (var node in Nodes(json).EnumerateArray())
        {
            var parent = node.GetProperty("parentId");
            if (parent.ValueKind != JsonValueKind.Null) Assert.Contains(parent.GetString()!, seen);
            seen.Add(node.GetProperty("id").GetString()!);
        }
        Assert.Equal(["root", "regions", "use1", "use1-a", "use1-b", "apse2", "apse2-a", "apse2-b", "sorry"], seen);
        Assert.Equal("www", JsonDocument.Parse(json).RootElement.GetProperty("tree").GetString());
    }

    [Fact]
    public void A_dual_stack_tree_lists_both_record_types_for_the_what_if_and_a_tree_of_one_type_none()
    {
        var dual = JsonDocument.Parse(DiagramJson.Write(Complex() with { DualStack = true, RecordType = "A" })).RootElement;
        Assert.Equal(["A", "AAAA"], dual.GetProperty("recordTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.False(JsonDocument.Parse(DiagramJson.Write(Complex())).RootElement.TryGetProperty("recordTypes", out _));
    }

    [Fact]
    public void Nodes_carry_the_record_they_become_and_where_it_lives()
    {
        var json = DiagramJson.Write(Complex());

        var root = Node(json, "root");
        Assert.Equal("rule", root.GetProperty("kind").GetString());
        Assert.Equal("failover rule", root.GetProperty("recordKind").GetString());
        Assert.Equal("www.example.com", root.GetProperty("childrenAt").GetString());
        Assert.False(root.TryGetProperty("edgeLabel", out _));

        var use1 = Node(json, "use1");
        Assert.Equal("latency alias (us-east-1)", use1.GetProperty("recordKind").GetString());
        Assert.Equal("_regions.www.example.com", use1.GetProperty("recordName").GetString());
        Assert.Equal("_use1.www.example.com", use1.GetProperty("childrenAt").GetString());
        Assert.Equal("us-east-1", use1.GetProperty("region").GetString());
        Assert.False(use1.GetProperty("canFail").GetBoolean());

        var leaf = Node(json, "use1-a");
        Assert.Equal("endpoint", leaf.GetProperty("kind").GetString());
        Assert.Equal("weighted record (w=50)", leaf.GetProperty("recordKind").GetString());
        Assert.Equal("w=50", leaf.GetProperty("edgeLabel").GetString());
        Assert.Equal(["192.0.2.10"], leaf.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.StartsWith("HTTPS :443", leaf.GetProperty("detail").GetString());
        Assert.True(leaf.GetProperty("canFail").GetBoolean());

        var sorry = Node(json, "sorry");
        Assert.Equal("alias", sorry.GetProperty("kind").GetString());
        Assert.Equal("SECONDARY", sorry.GetProperty("edgeLabel").GetString());
        Assert.Equal("s3-website-us-east-1.amazonaws.com", sorry.GetProperty("aliasTarget").GetString());
        Assert.True(sorry.GetProperty("canFail").GetBoolean());
    }

    [Fact]
    public void The_overlay_appears_as_progress_drift_and_health_and_unknown_ids_are_ignored()
    {
        var overlay = new DiagramOverlay(new Dictionary<string, NodeOverlay>
        {
            ["use1-a"] = new(RunProgress.InProgress, Health: HealthState.Unhealthy),
            ["sorry"] = new(RunProgress.Done, DriftState.Missing),
            ["not-in-tree"] = new(RunProgress.Failed),
        });
        var json = DiagramJson.Write(Complex(), overlay);

        Assert.Equal("IN_PROGRESS", Node(json, "use1-a").GetProperty("progress").GetString());
        Assert.Equal("UNHEALTHY", Node(json, "use1-a").GetProperty("health").GetString());
        Assert.Equal("DONE", Node(json, "sorry").GetProperty("progress").GetString());
        Assert.Equal("MISSING", Node(json, "sorry").GetProperty("drift").GetString());
        Assert.False(Node(json, "use1-b").TryGetProperty("progress", out _));
        Assert.DoesNotContain("not-in-tree", json);
    }
}
