using System.CommandLine;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Cli.Workflow;
using Failover.Service.Progress;
using Failover.Service.Workflow;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover status NAME [--json] [--watch]</c>: the tree, its versions, its last run and that run's nodes; through the
/// service with <c>--api</c>. <c>--watch</c> follows a run that is still going to its end first (re-attaching after
/// Ctrl+C), with the progress lines <c>apply</c> prints.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var watch = new Option<bool>("--watch") { Description = "Follow the tree's run while it is going, then show the tree" };
        var service = new ServiceOptions();
        var apiTarget = new ApiTargetOptions();
        var command = new Command("status", "Show a tree: status, applied and latest version, the last run and its nodes")
        {
            name, json, watch,
        };
        service.AddTo(command);
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = parse.GetValue(name)!;
            // --json asks for output a program reads: the progress of --watch goes as plain lines then.
            var shown = parse.GetValue(json) ? console with { LiveProgress = false } : console;
            using var http = ApiTargetOptions.NewHttpClient();
            if (apiTarget.Resolve(parse, http) is { } api)
            {
                var calls = new ApiCommands(api, shown);
                var detail = await calls.TreeAsync(tree, cancellationToken);
                if (parse.GetValue(watch) && detail.LastRun is { Status: "RUNNING" } running)
                {
                    await calls.FollowAsync(running, cancellationToken);
                    detail = await calls.TreeAsync(tree, cancellationToken);
                }
                var document = TreeStatusWriter.Document(detail, await calls.VersionsAsync(tree, cancellationToken));
                console.Out.Write(parse.GetValue(json)
                    ? TreeStatusWriter.Json(document)
                    : TreeStatusWriter.Text(document, detail.DriftPolicy));
                return CliApp.Ok;
            }

            var target = service.Resolve(parse);
            var store = target.Progress();
            var status = await AwsErrors.GuardAsync(() => TreeStatusReader.ReadAsync(store, tree, cancellationToken))
                ?? throw new CliFailureException($"no tree is called '{tree}'");
            if (parse.GetValue(watch) && status.LastRun is { Status: RunStatus.Running } run && run.ExecutionArn is { } execution)
            {
                var follower = new RunFollower(store, target.StepFunctions(), shown,
                    TimeSpan.FromSeconds(target.IsLocal ? 0.5 : 2), TimeProvider.System);
                await AwsErrors.GuardAsync(() => follower.FollowAsync(
                    new StartedRun(run.RunId, run.Tree, run.Version, run.Kind, execution), cancellationToken));
                status = await AwsErrors.GuardAsync(() => TreeStatusReader.ReadAsync(store, tree, cancellationToken)) ?? status;
            }
            console.Out.Write(parse.GetValue(json) ? TreeStatusWriter.Json(status) : TreeStatusWriter.Text(status));
            return CliApp.Ok;
        });
        return command;
    }
}
