using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;

// The reliability and security suite as one command: starts a local stack, runs every scenario, prints the figures,
// and exits 1 when a figure that must be zero is not (or a scenario tested nothing).
var options = SuiteOptions.Parse(args, Console.Error);
if (options is null) return 2;
if (options.List)
{
    foreach (var scenario in ReliabilitySuite.Scenarios) Console.WriteLine(scenario.Name);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
Console.WriteLine($"reliability suite: {(options.Scale == Scale.Full ? "full" : "smoke")} counts, seed {options.Seed}");
await using var stack = await ReliabilityStack.StartAsync(stop.Token);
var results = await ReliabilitySuite.RunAsync(stack, options.Scale, options.Seed, options.Only, Console.Out, stop.Token);
Console.WriteLine();
FigureTable.Write(Console.Out, results);
return results.All(r => r.Ok) ? 0 : 1;
