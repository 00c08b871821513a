using System.CommandLine;
using Failover.Service.Apply;
using Failover.Cli.Input;
using Failover.Cli.Workflow;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover destroy NAME</c>: a workflow run tears the stored tree down — alias records top-down, leaf records, then
/// its health checks; nothing it does not own. <c>failover destroy SPEC --direct</c> does it from this process.
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
        var command =
            new Command("destroy",
            "Tear the tree down: alias records top-down, leaf records, then its health checks; nothing it does not own") { target, direct };
        service.AddTo(command);
        workflow.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(direct))
            {
                var name = parse.GetValue(target)!;
                return await workflow.StartAndFollowAsync(parse, service.Resolve(parse), console,
                    starter => starter.TeardownAsync(name, cancellationToken: cancellationToken), cancellationToken);
            }
            var tree = SpecInput.Load(parse.GetValue(target)!, console);
            if (tree is null) return CliApp.Invalid;
            var aws = service.Resolve(parse);
            var applier =
                new DirectApplier(aws.Route53(), aws.Progress(),
                TimeProvider.System) { SyncPollInterval = TimeSpan.FromSeconds(aws.IsLocal ? 0.5 : 5) };
            var result =
                await AwsErrors.GuardAsync(() =>
                applier.DestroyAsync(tree, p => console.Error.WriteLine($"[{p.Layer}] {p.Message}"), cancellationToken));
            console.Out.WriteLine($"{tree.Name}: torn down ({result.ChangeBatchesSubmitted} change batch(es))");
            return CliApp.Ok;
        });
        return command;
    }
}
