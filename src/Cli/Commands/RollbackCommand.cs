using System.CommandLine;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Cli.Workflow;

namespace Failover.Cli.Commands;

/// <summary><c>failover rollback NAME --to-version N</c>: after the question (<c>--yes</c> skips it; with no terminal and
/// no <c>--yes</c> nothing changes), a workflow run applies an earlier stored version again, make-before-break; through
/// the service with <c>--api</c>, which shows the plan of going back first.</summary>
internal static class RollbackCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var version =
            new Option<int>("--to-version") { Description = "The stored version to go back to (see 'failover status NAME')",
            Required = true };
        var service = new ServiceOptions();
        var workflow = new WorkflowRunOptions();
        var apiTarget = new ApiTargetOptions();
        var confirm = new Confirmation();
        var command = new Command("rollback", "Apply an earlier version of a tree again, make-before-break") { name, version };
        service.AddTo(command);
        workflow.AddTo(command);
        apiTarget.AddTo(command);
        confirm.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var to = parse.GetValue(version);
            if (to < 1) throw new CliUsageException($"--to-version must be a version number (1 or more); it is {to}");
            var tree = parse.GetValue(name)!;
            using var http = ApiTargetOptions.NewHttpClient();
            if (apiTarget.Resolve(parse, http) is { } api)
                return await new ApiCommands(api, console).RollbackAsync(tree, to, confirm, parse, cancellationToken);
            if (!confirm.Ask(parse, console, $"Roll tree '{tree}' back to version {to}")) return CliApp.Invalid;
            return await workflow.StartAndFollowAsync(parse, service.Resolve(parse), console,
                starter => starter.RollbackAsync(tree, to, cancellationToken: cancellationToken), cancellationToken);
        });
        return command;
    }
}
