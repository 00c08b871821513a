using System.CommandLine;
using Failover.Cli.Input;
using Failover.Service.Release;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover release NAME</c>: the tree stops owning what it made and Route 53 keeps all of it — the way out after
/// <c>failover export</c> handed the records and checks to Terraform. Only the checks' <c>failover:tree</c> and
/// <c>failover:node</c> tags are removed; the tree's ownership, record-name claims and listing go. Refused while a run
/// holds the tree.
/// </summary>
internal static class ReleaseCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var service = new ServiceOptions();
        var confirm = new Confirmation();
        var command = new Command("release",
            "Stop managing a tree and keep its records and health checks in Route 53 (after export, to hand it over)") { name };
        service.AddTo(command);
        confirm.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = parse.GetValue(name)!;
            if (!confirm.Ask(parse, console, $"Release tree '{tree}': keep its records and health checks, stop managing them"))
                return CliApp.Invalid;
            var aws = service.Resolve(parse);
            try
            {
                var result = await AwsErrors.GuardAsync(() => new TreeRelease(aws.Route53(), aws.Progress()).ReleaseAsync(tree,
                    cancellationToken));
                console.Out.WriteLine($"{tree}: released; Route 53 keeps its {result.Records} record set(s) and {result.HealthChecks} " +
                    $"health check(s) (their failover:tree and failover:node tags removed); {result.Names} record name(s) free");
                return CliApp.Ok;
            }
            catch (ReleaseRefusedException refused)
            {
                console.Error.WriteLine($"error: {refused.Message}; nothing was changed");
                return CliApp.Invalid;
            }
        });
        return command;
    }
}
