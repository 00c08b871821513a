using System.CommandLine;
using Failover.Cli.Input;
using Failover.Core.Compilation;
using Failover.Core.Planning;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover plan SPEC [--json]</c>: the layered Route 53 changes that would create the tree in an empty zone
/// (health checks, leaf records, alias levels bottom-up), in the shapes the AWS CLI takes.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.Create();
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (change batches in the exact shape of 'aws route53 change-resource-record-sets --change-batch')" };
        var command = new Command("plan", "Show the Route 53 changes that applying the tree would make, layer by layer") { spec, json };
        command.SetAction(parse =>
        {
            var tree = SpecInput.Load(parse.GetValue(spec)!, console);
            if (tree is null) return CliApp.Invalid;
            var plan = Planner.Plan(TreeCompiler.Compile(tree), ActualState.Empty);
            console.Out.Write(parse.GetValue(json) ? PlanJsonWriter.Write(plan) + Environment.NewLine : PlanTextWriter.Write(plan));
            return CliApp.Ok;
        });
        return command;
    }
}
