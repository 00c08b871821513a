using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;
using Xunit.Abstractions;

namespace Failover.Reliability.Tests;

/// <summary>Runs a scenario at smoke counts with a fixed seed and holds every figure to its rule.</summary>
internal static class ScenarioAssert
{
    public const int Seed = 7;

    public static async Task<ScenarioResult> RunAsync(IScenario scenario, ReliabilityStack stack, ITestOutputHelper output)
    {
        await stack.Realism.ResetAsync();
        var log = new StringWriter();
        var result = await scenario.RunAsync(new ScenarioContext(stack, Seed, Scale.Smoke, log), CancellationToken.None);
        var table = new StringWriter();
        FigureTable.Write(table, [result]);
        output.WriteLine(log.ToString());
        output.WriteLine(table.ToString());
        var failed = result.Figures.Where(f => !f.Ok).ToList();
        Assert.True(failed.Count == 0,
            $"{string.Join(", ", failed.Select(f => $"{f.Name} = {f.Value} (must be {f.Rule})"))}\n{string.Join("\n", result.Notes)}");
        return result;
    }
}
