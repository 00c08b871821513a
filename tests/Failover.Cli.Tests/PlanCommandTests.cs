using System.Text.Json;

namespace Failover.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class PlanCommandTests
{
    [Fact]
    public async Task Json_plan_of_the_issue_example_has_health_checks_then_leaves_then_two_alias_levels()
    {
        var outcome = await CliRunner.RunAsync("plan", CliRunner.Example("www.json"), "--offline", "--json");
        Assert.Equal(0, outcome.ExitCode);

        using var doc = JsonDocument.Parse(outcome.Out);
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToArray();
        Assert.Equal(["health-checks", "leaf-records", "alias-level-1", "alias-level-2"],
            layers.Select(l => l.GetProperty("name").GetString()));

        // www.json: three health-checked endpoints; an S3 alias and three endpoint records at the bottom;
        // _use1 is aliased from _regions, and _regions from the root name.
        var checkedNodes = layers[0].GetProperty("healthChecks").EnumerateArray().Select(h => h.GetProperty("nodeId").GetString()).Order();
        Assert.Equal(["euw1", "use1-a", "use1-b"], checkedNodes);
        Assert.Equal(4, Changes(layers[1]).Length);
        var level1 = Assert.Single(Changes(layers[2]));
        Assert.Equal("_use1.www.example.com.",
            level1.GetProperty("ResourceRecordSet").GetProperty("AliasTarget").GetProperty("DNSName").GetString());
        var level2 = Assert.Single(Changes(layers[3]));
        Assert.Equal("www.example.com.", level2.GetProperty("ResourceRecordSet").GetProperty("Name").GetString());
        Assert.Equal("PRIMARY", level2.GetProperty("ResourceRecordSet").GetProperty("Failover").GetString());
    }

    [Fact]
    public async Task Text_plan_names_every_layer()
    {
        var outcome = await CliRunner.RunAsync("plan", CliRunner.Example("www.json"), "--offline");
        Assert.Equal(0, outcome.ExitCode);
        foreach (var layer in new[] { "health-checks", "leaf-records", "alias-level-1", "alias-level-2" })
            Assert.Contains(layer, outcome.Out);
    }

    [Fact]
    public async Task Invalid_spec_prints_no_plan()
    {
        var outcome = await CliRunner.RunWithStdinAsync("{\"name\": 5}", "plan", "-", "--offline", "--json");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("", outcome.Out);
    }

    private static JsonElement[] Changes(JsonElement layer) =>
        layer.GetProperty("changeBatches").EnumerateArray().SelectMany(b => b.GetProperty("Changes").EnumerateArray()).ToArray();
}
