using System.CommandLine;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Contracts;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover plan SPEC [--json] [--detailed-exitcode]</c>: the layered Route 53 changes that applying the spec would
/// make now — against the zone as it is and the records the tree already owns — in the shapes the AWS CLI takes.
/// Through the service (<c>--api</c>) it is the service's dry run (<c>POST /trees?dryRun=true</c>); given the name of a
/// stored tree instead of a file, the plan of its current version (<c>GET /trees/NAME/plan</c>). <c>--offline</c>:
/// against an empty zone, with no AWS call. A plan with conflicts (the apply would be refused) exits 1, the conflicts on
/// stderr too.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = new Argument<string>("SPEC")
        {
            Description = "Tree spec file (JSON or YAML), or - to read stdin; with --api, a stored tree's name also works",
        };
        var json = new Option<bool>("--json")
        {
            Description =
                "Print the plan as JSON (change batches in the exact shape of 'aws route53 change-resource-record-sets --change-batch')",
        };
        var offline = new Option<bool>("--offline")
        {
            Description = "Plan against an empty zone, calling nothing (what creating the tree takes)",
        };
        var detailed = DetailedExitCode.Option("0 when nothing would change, 2 when something would, 1 on an error or a conflict");
        var service = new ServiceOptions();
        var apiTarget = new ApiTargetOptions();
        var command = new Command("plan", "Show the Route 53 changes that applying the tree would make now, layer by layer")
        {
            spec, json, offline, detailed,
        };
        service.AddTo(command);
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(spec)!;
            using var http = ApiTargetOptions.NewHttpClient();
            Plan plan;
            if (!parse.GetValue(offline) && apiTarget.Resolve(parse, http) is { } api)
            {
                var calls = new ApiCommands(api, console);
                if (source != "-" && !File.Exists(source))
                {
                    plan = await calls.StoredPlanAsync(source, cancellationToken);
                }
                else
                {
                    var (tree, text) = SpecInput.LoadWithText(source, console);
                    if (tree is null) return CliApp.Invalid;
                    plan = await calls.DryRunAsync(text, cancellationToken);
                }
            }
            else
            {
                var tree = SpecInput.Load(source, console);
                if (tree is null) return CliApp.Invalid;
                plan = parse.GetValue(offline)
                    ? Planner.Plan(TreeCompiler.Compile(tree), ActualState.Empty)
                    : await AwsErrors.GuardAsync(() => LivePlan.PlanAsync(service.Resolve(parse), tree, cancellationToken));
            }
            console.Out.Write(parse.GetValue(json) ? PlanJson.Write(plan) + Environment.NewLine : PlanTextWriter.Write(plan));
            // A plan with conflicts is one the apply refuses: an error, whatever else it would change.
            if (plan.HasConflicts)
            {
                foreach (var conflict in plan.Conflicts) console.Error.WriteLine($"conflict: {conflict}");
                console.Error.WriteLine($"{plan.Conflicts.Count} conflict(s): an apply of this plan would be refused, nothing changed");
                return CliApp.Invalid;
            }
            return DetailedExitCode.Of(parse, detailed, changes: !plan.IsEmpty);
        });
        return command;
    }
}
