using System.CommandLine;
using Failover.Cli.Api;
using Failover.Service.Apply;
using Failover.Cli.Input;
using Failover.Cli.Workflow;
using Failover.Core.Planning;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover apply SPEC</c>: shows the plan against the zone as it is, asks (<c>--yes</c> skips the question; with no
/// terminal and no <c>--yes</c> nothing changes), stores the spec as the tree's next version and starts a workflow run,
/// then follows it to its end, layer by layer and node by node (exit 0 when it succeeds, 1 when it fails or rolls back).
/// Through the service with <c>--api</c>; <c>--direct</c> applies the plan from this process instead (debugging).
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.Create();
        var direct =
            new Option<bool>("--direct") { Description = "Apply from this process instead of starting a workflow run (debugging)" };
        var force =
            new Option<bool>(
            "--force") { Description = "Go ahead even if the plan deletes or replaces more than half of the tree's records" };
        var service = new ServiceOptions();
        var workflow = new WorkflowRunOptions();
        var apiTarget = new ApiTargetOptions();
        var confirm = new Confirmation();
        var command =
            new Command("apply", "Make Route 53 match the tree: health checks, leaf records, alias levels bottom-up, then clean-up") { spec,
            direct, force };
        service.AddTo(command);
        workflow.AddTo(command);
        apiTarget.AddTo(command);
        confirm.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (tree, text) = SpecInput.LoadWithText(parse.GetValue(spec)!, console);
            if (tree is null) return CliApp.Invalid;
            using var http = ApiTargetOptions.NewHttpClient();
            if (!parse.GetValue(direct) && apiTarget.Resolve(parse, http) is { } api)
                return await new ApiCommands(api, console).ApplyAsync(text, parse.GetValue(force), confirm, parse, cancellationToken);

            var target = service.Resolve(parse);
            if (!parse.GetValue(confirm.Yes))
            {
                var plan = await AwsErrors.GuardAsync(() => LivePlan.PlanAsync(target, tree, cancellationToken));
                console.Out.Write(PlanTextWriter.Write(plan));
                // An adopted spec's plan changes nothing but claims the zone's records: that still needs its run.
                if (plan.IsEmpty && plan.Claims.IsEmpty)
                {
                    console.Out.WriteLine($"{tree.Name}: no changes");
                    return CliApp.Ok;
                }
                if (!confirm.Ask(parse, console, $"Apply these changes to tree '{tree.Name}'")) return CliApp.Invalid;
            }
            if (!parse.GetValue(direct))
                return await workflow.StartAndFollowAsync(parse, target, console,
                    starter => starter.ApplyAsync(tree, parse.GetValue(force), cancellationToken: cancellationToken), cancellationToken);
            var applier =
                new DirectApplier(target.Route53(), target.Progress(),
                TimeProvider.System)
                {
                    SyncPollInterval = TimeSpan.FromSeconds(target.IsLocal ? 0.5 : 5), Alarms = target.Services.Alarms,
                };
            // The tree's lock, as a run holds it: a direct apply and a run of the same tree must not interleave their writes.
            var locks = new DirectTreeLock(target.Progress(), TimeProvider.System);
            var result =
                await AwsErrors.GuardAsync(() => locks.HoldAsync(tree.Name, locks.NewOwner("apply"), renew =>
                applier.ApplyAsync(tree, parse.GetValue(force), p => console.Error.WriteLine($"[{p.Layer}] {p.Message}"),
                cancellationToken, renew), cancellationToken));
            console.Out.WriteLine(result.Plan.IsEmpty
                ? $"{tree.Name}: no changes"
                : $"{tree.Name}: applied {result.Plan.Layers.Count} layer(s): {result.HealthChecksCreated} health check(s) created, " +
                    $"{result.ChangeBatchesSubmitted} change batch(es), INSYNC");
            return CliApp.Ok;
        });
        return command;
    }
}
