using Failover.Core.Diagram;
using Failover.Core.Simulation;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Simulation;

/// <summary>The simulator and the diagram on the shipped example, read by the real parser.</summary>
[Trait("Category", "Unit")]
public class ParsedExampleTests
{
    private static TreeSpec Www()
    {
        var parsed = SpecParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "www.json")));
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return parsed.Spec!;
    }

    [Fact]
    public void Losing_us_east_1_moves_queries_to_eu_west_1_then_to_the_sorry_page()
    {
        var spec = Www();

        var oneRegion = Simulator.Simulate(spec, new SimulationQuery(new HashSet<string> { "use1-a", "use1-b" }));
        var everything = Simulator.Simulate(spec, new SimulationQuery(new HashSet<string> { "use1-a", "use1-b", "euw1" }));

        Assert.Equal(["euw1"], oneRegion.Answers.Select(a => a.NodeId));
        Assert.Equal(["sorry"], everything.Answers.Select(a => a.NodeId));
        Assert.Equal(["s3-website-us-east-1.amazonaws.com"], everything.Answers[0].Values);
    }

    [Fact]
    public void Diagram_labels_the_parsed_health_checks()
    {
        var mermaid = DiagramRenderer.Mermaid(Www());

        Assert.Contains("n_use1_b[\"use1-b<br/>weighted record (w=50)<br/>_use1.www.example.com<br/>HTTPS :443 /ready\"]", mermaid);
        Assert.Contains(
            "n_sorry[\"sorry<br/>failover alias (SECONDARY) to S3 website<br/>www.example.com<br/>evaluates target health\"]", mermaid);
    }
}
