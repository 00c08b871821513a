using System.CommandLine;
using Failover.Cli.Workflow;

namespace Failover.Cli.Commands;

/// <summary><c>failover status NAME [--json]</c>: the tree, its versions, its last run and that run's nodes.</summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var service = new ServiceOptions();
        var command = new Command("status", "Show a tree: status, applied and latest version, the last run and its nodes") { name, json };
        service.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = parse.GetValue(name)!;
            var store = service.Resolve(parse).Progress();
            var status = await AwsErrors.GuardAsync(() => TreeStatusReader.ReadAsync(store, tree, cancellationToken))
                ?? throw new CliFailureException($"no tree is called '{tree}'");
            console.Out.Write(parse.GetValue(json) ? TreeStatusWriter.Json(status) : TreeStatusWriter.Text(status));
            return CliApp.Ok;
        });
        return command;
    }
}
