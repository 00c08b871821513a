using System.CommandLine;
using System.Globalization;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Core.Diagnostics;
using Failover.Core.Simulation;
using Failover.Core.Contracts;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover simulate SPEC --unhealthy a,b [--region R] [--location CC] [--json]</c>: which endpoints would answer,
/// and with what share, if the named endpoints failed their health checks. With <c>--api</c> and a stored tree's name,
/// the service simulates its current version (<c>POST /trees/NAME/simulate</c>); the API's region then comes from its
/// URL (<c>--region</c> here is the resolver's).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.SpecOrTree();
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
        var coordinates = new Option<string?>("--coordinates")
        {
            Description = "Where the client is, for geoproximity rules: latitude,longitude (default: --location's representative point)",
        };
        var clientIp = new Option<string?>("--client-ip") { Description = "The client's address, for ip-based rules (default: none, *)" };
        var az = new Option<string?>("--az")
        {
            Description = "Where the client is, for az-affinity rules: an Availability Zone ID (use1-az1), Zone Group, region or " +
                "partition (default: unknown, so only the global location matches)",
        };
        var recordType = new Option<string?>("--type")
        {
            Description = "The record type queried, for a dual-stack tree: A or AAAA (default A); the answers carry its addresses",
        };
        var json = new Option<bool>("--json") { Description = "Print {\"answers\":[{\"nodeId\",\"values\",\"probability\"}]}" };
        var apiTarget = new ApiTargetOptions();
        var command = new Command("simulate", "Evaluate the tree the way Route 53 answers queries, with some endpoints unhealthy")
        {
            spec, unhealthy, region, location, coordinates, clientIp, az, recordType, json,
        };
        apiTarget.AddTo(command, region: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(spec)!;
            var ids = (parse.GetValue(unhealthy) ?? [])
                .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct(StringComparer.Ordinal).ToList();
            SimulationDocument document;
            using var http = ApiTargetOptions.NewHttpClient();
            if (SpecArgument.NamesStoredTree(source) && apiTarget.Resolve(parse, http) is { } api)
            {
                var query = new SimulationRequestDocument(ids)
                {
                    Region = parse.GetValue(region), Location = parse.GetValue(location), Coordinates = parse.GetValue(coordinates),
                    ClientIp = parse.GetValue(clientIp), Az = parse.GetValue(az), RecordType = parse.GetValue(recordType),
                };
                document = await new ApiCommands(api, console).SimulateAsync(source, query, cancellationToken);
            }
            else
            {
                var tree = SpecInput.Load(source, console);
                if (tree is null) return CliApp.Invalid;
                var result = Simulator.Simulate(tree,
                    new SimulationQuery(ids.ToHashSet(StringComparer.Ordinal), parse.GetValue(region), parse.GetValue(location))
                    {
                        Coordinates = parse.GetValue(coordinates), ClientIp = parse.GetValue(clientIp), Az = parse.GetValue(az),
                        RecordType = parse.GetValue(recordType),
                    });
                SpecInput.Report(result.Diagnostics, "simulate", console);
                if (result.Diagnostics.Any(d => d.Severity == Severity.Error)) return CliApp.Invalid;
                document = SimulationJson.ToDocument(result);
            }
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(WireJson.Write(document));
                return CliApp.Ok;
            }
            if (document.Answers.Count == 0) console.Out.WriteLine("No answer (NXDOMAIN / NODATA).");
            foreach (var answer in document.Answers)
                console.Out.WriteLine($"{answer.Probability.ToString("P1", CultureInfo.InvariantCulture),8}  {answer.NodeId,-24} " +
                    $"{string.Join(", ", answer.Values)}");
            return CliApp.Ok;
        });
        return command;
    }
}
