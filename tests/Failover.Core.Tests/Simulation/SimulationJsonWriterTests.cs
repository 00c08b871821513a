using System.Text.Json;
using Failover.Core.Simulation;
using static Failover.Core.Tests.Simulation.Trees;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Simulation;

[Trait("Category", "Unit")]
public class SimulationJsonWriterTests
{
    [Fact]
    public void Writes_answers_with_probabilities_rounded_to_six_digits()
    {
        var result =
            new SimulationResult(
            [new SimulatedAnswer("a", ["192.0.2.1", "192.0.2.2"], 1 / 3.0), new SimulatedAnswer("b", ["x.example"], 2 / 3.0)], [], []);

        using var json = JsonDocument.Parse(SimulationJson.Write(result));

        var answers = json.RootElement.GetProperty("answers");
        Assert.Equal(2, answers.GetArrayLength());
        Assert.Equal("a", answers[0].GetProperty("nodeId").GetString());
        Assert.Equal(["192.0.2.1", "192.0.2.2"], answers[0].GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("0.333333", answers[0].GetProperty("probability").GetRawText());
        Assert.Equal("0.666667", answers[1].GetProperty("probability").GetRawText());
        Assert.False(json.RootElement.TryGetProperty("notes", out _));
        Assert.False(json.RootElement.TryGetProperty("noAnswerProbability", out _));
    }

    [Fact]
    public void Writes_notes_and_the_no_answer_share_when_there_are_any()
    {
        var spec = Tree(Geo("geo", Endpoint("de").Country("DE")));
        var result = Simulator.Simulate(spec, new SimulationQuery(new HashSet<string>(), Location: "FR"));

        using var json = JsonDocument.Parse(SimulationJson.Write(result));

        Assert.Equal(0, json.RootElement.GetProperty("answers").GetArrayLength());
        Assert.Equal(1, json.RootElement.GetProperty("noAnswerProbability").GetDouble());
        Assert.Contains("no answer", json.RootElement.GetProperty("notes")[0].GetString());
    }
}
