using System.Text.Json;

namespace Failover.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class DiagramAndSimulateCommandTests
{
    [Fact]
    public async Task Mermaid_diagram_names_every_node()
    {
        var outcome = await CliRunner.RunAsync("diagram", CliRunner.Example("www.json"));
        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("flowchart TD", outcome.Out);
        foreach (var id in new[] { "root", "regions", "use1", "use1-a", "use1-b", "euw1", "sorry" })
            Assert.Contains(id, outcome.Out);
    }

    [Fact]
    public async Task Dot_diagram_on_request()
    {
        var outcome = await CliRunner.RunAsync("diagram", CliRunner.Example("www.json"), "--format", "dot");
        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith("digraph", outcome.Out.TrimStart());
    }

    [Fact]
    public async Task Unknown_diagram_format_is_a_usage_error()
    {
        var outcome = await CliRunner.RunAsync("diagram", CliRunner.Example("www.json"), "--format", "svg");
        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public async Task Simulate_moves_all_weight_to_the_healthy_sibling()
    {
        // use1 is the first latency region; with use1-a down its weighted sibling takes every answer.
        var outcome = await CliRunner.RunAsync("simulate", CliRunner.Example("www.json"), "--unhealthy", "use1-a", "--json");
        Assert.Equal(0, outcome.ExitCode);
        using var doc = JsonDocument.Parse(outcome.Out);
        var answer = Assert.Single(doc.RootElement.GetProperty("answers").EnumerateArray());
        Assert.Equal("use1-b", answer.GetProperty("nodeId").GetString());
        Assert.Equal(1.0, answer.GetProperty("probability").GetDouble(), 6);
    }

    [Fact]
    public async Task Simulate_fails_over_to_the_sorry_page_when_every_region_is_down()
    {
        var outcome = await CliRunner.RunAsync("simulate", CliRunner.Example("www.json"), "--unhealthy", "use1-a,use1-b,euw1", "--json");
        Assert.Equal(0, outcome.ExitCode);
        using var doc = JsonDocument.Parse(outcome.Out);
        var answer = Assert.Single(doc.RootElement.GetProperty("answers").EnumerateArray());
        Assert.Equal("sorry", answer.GetProperty("nodeId").GetString());
    }

    [Fact]
    public async Task Simulate_rejects_an_unknown_node_id()
    {
        var outcome = await CliRunner.RunAsync("simulate", CliRunner.Example("www.json"), "--unhealthy", "nope");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("nope", outcome.Error);
    }
}
