using System.CommandLine;
using Failover.Aws.Apply;
using Failover.Cli.Input;

namespace Failover.Cli.Commands;

/// <summary><c>failover destroy SPEC --direct</c>: remove every record and health check the tree owns, top-down.</summary>
internal static class DestroyCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.Create();
        var direct = new Option<bool>("--direct") { Description = "Tear down from this process instead of starting a workflow run (debugging)" };
        var service = new ServiceOptions();
        var command = new Command("destroy", "Tear the tree down: alias records top-down, leaf records, then its health checks; nothing it does not own") { spec, direct };
        service.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = SpecInput.Load(parse.GetValue(spec)!, console);
            if (tree is null) return CliApp.Invalid;
            if (!parse.GetValue(direct)) throw new CliUsageException("only --direct is available in this version");
            var target = service.Resolve(parse);
            var applier = new DirectApplier(target.Route53(), target.Progress(), TimeProvider.System) { SyncPollInterval = TimeSpan.FromSeconds(target.IsLocal ? 0.5 : 5) };
            var result = await AwsErrors.GuardAsync(() => applier.DestroyAsync(tree, p => console.Error.WriteLine($"[{p.Layer}] {p.Message}"), cancellationToken));
            console.Out.WriteLine($"{tree.Name}: torn down ({result.ChangeBatchesSubmitted} change batch(es))");
            return CliApp.Ok;
        });
        return command;
    }
}
