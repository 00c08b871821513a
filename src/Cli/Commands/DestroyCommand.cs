using System.CommandLine;
using Failover.Cli.Api;
using Failover.Service.Apply;
using Failover.Cli.Input;
using Failover.Cli.Workflow;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover destroy NAME</c>: after the question (<c>--yes</c> skips it; with no terminal and no <c>--yes</c> nothing
/// changes), a workflow run tears the stored tree down — alias records top-down, leaf records, then its health checks;
/// nothing it does not own. Through the service with <c>--api</c>; <c>failover destroy SPEC --direct</c> does it from
/// this process.
/// </summary>
internal static class DestroyCommand
{
    public static Command Create(CliConsole console)
    {
        var target = new Argument<string>("NAME")
        {
            Description = "The tree's name (with --direct: its spec file, or - to read stdin)",
        };
        var direct =
            new Option<bool>(
            "--direct") { Description = "Tear down from this process instead of starting a workflow run (debugging); NAME is then a spec" };
        var service = new ServiceOptions();
        var workflow = new WorkflowRunOptions();
        var apiTarget = new ApiTargetOptions();
        var confirm = new Confirmation();
        var command =
            new Command("destroy",
            "Tear the tree down: alias records top-down, leaf records, then its health checks; nothing it does not own") { target, direct };
        service.AddTo(command);
        workflow.AddTo(command);
        apiTarget.AddTo(command);
        confirm.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = ApiTargetOptions.NewHttpClient();
            if (!parse.GetValue(direct) && apiTarget.Resolve(parse, http) is { } api)
                return await new ApiCommands(api, console).DestroyAsync(parse.GetValue(target)!, confirm, parse, cancellationToken);
            if (!parse.GetValue(direct))
            {
                var name = parse.GetValue(target)!;
                if (!confirm.Ask(parse, console, Question(name))) return CliApp.Invalid;
                return await workflow.StartAndFollowAsync(parse, service.Resolve(parse), console,
                    starter => starter.TeardownAsync(name, cancellationToken: cancellationToken), cancellationToken);
            }
            var tree = SpecInput.LoadForTeardown(parse.GetValue(target)!, console);
            if (tree is null) return CliApp.Invalid;
            if (!confirm.Ask(parse, console, Question(tree.Name))) return CliApp.Invalid;
            var aws = service.Resolve(parse);
            var applier =
                new DirectApplier(aws.Route53(), aws.Progress(),
                TimeProvider.System) { SyncPollInterval = TimeSpan.FromSeconds(aws.IsLocal ? 0.5 : 5), Alarms = aws.Services.Alarms };
            var locks = new DirectTreeLock(aws.Progress(), TimeProvider.System);
            var result =
                await AwsErrors.GuardAsync(() => locks.HoldAsync(tree.Name, locks.NewOwner("destroy"), renew =>
                applier.DestroyAsync(tree, p => console.Error.WriteLine($"[{p.Layer}] {p.Message}"), cancellationToken, renew),
                cancellationToken));
            console.Out.WriteLine($"{tree.Name}: torn down ({result.ChangeBatchesSubmitted} change batch(es))");
            return CliApp.Ok;
        });
        return command;
    }

    private static string Question(string tree) => $"Destroy tree '{tree}': delete every record and health check it owns";
}
