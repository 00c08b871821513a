using System.CommandLine;
using Failover.Cli.Input;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Contracts;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover plan SPEC [--json]</c>: the layered Route 53 changes that would create the tree in an empty zone
/// (health checks, leaf records, alias levels bottom-up), in the shapes the AWS CLI takes.
/// <c>failover plan NAME --api URL [--json]</c>: the service's plan for its stored tree NAME against the zone as it is
/// now (<c>GET /trees/NAME/plan</c>), printed the same way.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var spec =
            new Argument<string>(
            "SPEC") { Description = "Tree spec file (JSON or YAML), or - to read stdin; with --api, the stored tree's name" };
        var json =
            new Option<bool>(
            "--json") { Description =
            "Print the plan as JSON (change batches in the exact shape of 'aws route53 change-resource-record-sets --change-batch')" };
        var api = new Option<string?>("--api")
        {
            Description =
                "The service's HTTP API (e.g. http://127.0.0.1:3000): print its plan for the stored tree SPEC names, against the zone as " +
                    "it is now",
        };
        var command =
            new Command("plan", "Show the Route 53 changes that applying the tree would make, layer by layer") { spec, json, api };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Plan plan;
            if (parse.GetValue(api) is { } url)
            {
                if (await FromServiceAsync(url, parse.GetValue(spec)!, console, cancellationToken) is not { } served) return CliApp.Invalid;
                plan = served;
            }
            else
            {
                var tree = SpecInput.Load(parse.GetValue(spec)!, console);
                if (tree is null) return CliApp.Invalid;
                plan = Planner.Plan(TreeCompiler.Compile(tree), ActualState.Empty);
            }
            console.Out.Write(parse.GetValue(json) ? PlanJson.Write(plan) + Environment.NewLine : PlanTextWriter.Write(plan));
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The service's plan; null (after printing why on stderr) when the service refused.</summary>
    private static async Task<Plan?> FromServiceAsync(string url, string tree, CliConsole console, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var service = ServiceApi.Create(url, http);
        var response = await service.GetAsync($"/trees/{Uri.EscapeDataString(tree)}/plan", cancellationToken);
        if (!response.Succeeded)
        {
            foreach (var line in ServiceApi.Describe(response)) console.Error.WriteLine(line);
            return null;
        }
        try
        {
            return PlanJson.Read(response.Body);
        }
        catch (FormatException e)
        {
            throw new CliFailureException($"the service at {service.BaseUrl} answered something that is not a plan: {e.Message}");
        }
    }
}
