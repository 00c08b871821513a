using System.CommandLine;
using System.Globalization;
using Failover.Cli.Input;
using Failover.Core.Diagnostics;
using Failover.Core.Simulation;
using Failover.Core.Contracts;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover simulate SPEC --unhealthy a,b [--region R] [--location CC] [--json]</c>: which endpoints would answer,
/// and with what share, if the named endpoints failed their health checks.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.Create();
        var unhealthy = new Option<string[]>("--unhealthy", "-u")
        {
            Description = "Node ids to treat as failing their health checks (comma-separated or repeated)",
            AllowMultipleArgumentsPerToken = true,
        };
        var region =
            new Option<string?>(
            "--region") { Description = "Where the resolver is, for latency rules (default: each latency rule's first child)" };
        var location =
            new Option<string?>(
            "--location") { Description =
            "Where the resolver is, for geolocation rules: a country (DE), country-subdivision (US-CA) or continent (EU)" };
        var json = new Option<bool>("--json") { Description = "Print {\"answers\":[{\"nodeId\",\"values\",\"probability\"}]}" };
        var command = new Command("simulate", "Evaluate the tree the way Route 53 answers queries, with some endpoints unhealthy")
        {
            spec, unhealthy, region, location, json,
        };
        command.SetAction(parse =>
        {
            var tree = SpecInput.Load(parse.GetValue(spec)!, console);
            if (tree is null) return CliApp.Invalid;
            var ids = (parse.GetValue(unhealthy) ?? [])
                .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToHashSet(StringComparer.Ordinal);
            var result = Simulator.Simulate(tree, new SimulationQuery(ids, parse.GetValue(region), parse.GetValue(location)));
            SpecInput.Report(result.Diagnostics, "simulate", console);
            if (result.Diagnostics.Any(d => d.Severity == Severity.Error)) return CliApp.Invalid;
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(SimulationJson.Write(result));
                return CliApp.Ok;
            }
            if (result.Answers.Count == 0) console.Out.WriteLine("No answer (NXDOMAIN / NODATA).");
            foreach (var answer in result.Answers)
                console.Out.WriteLine($"{answer.Probability.ToString("P1", CultureInfo.InvariantCulture),8}  {answer.NodeId,-24} " +
                    $"{string.Join(", ", answer.Values)}");
            return CliApp.Ok;
        });
        return command;
    }
}
