using System.CommandLine;
using Failover.Cli.Workflow;

namespace Failover.Cli.Commands;

/// <summary><c>failover rollback NAME --to-version N</c>: a workflow run applies an earlier stored version again,
/// make-before-break.</summary>
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
        var command = new Command("rollback", "Apply an earlier version of a tree again, make-before-break") { name, version };
        service.AddTo(command);
        workflow.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var to = parse.GetValue(version);
            if (to < 1) throw new CliUsageException($"--to-version must be a version number (1 or more); it is {to}");
            var tree = parse.GetValue(name)!;
            return await workflow.StartAndFollowAsync(parse, service.Resolve(parse), console,
                starter => starter.RollbackAsync(tree, to, cancellationToken: cancellationToken), cancellationToken);
        });
        return command;
    }
}
