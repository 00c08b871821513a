using System.CommandLine;
using Failover.Cli.Api;
using Failover.Service.Apply;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;
using Failover.Cli.Input;
using Failover.Cli.Workflow;
using Failover.Core.Drift;
using Failover.Core.Spec;
using Failover.Core.Contracts;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover drift NAME [--json] [--check]</c>: the tree's latest drift report, as the scheduled check stored it;
/// <c>--check</c> runs a check now through the same code (and stores its report), repairing if the tree's policy says so:
/// a workflow run, as the scheduled worker starts one, or with <c>--direct</c> the direct applier in this process.
/// Through the service with <c>--api</c> (<c>GET …/drift</c>, <c>POST …/drift-check</c>). <c>--detailed-exitcode</c>: 2
/// when Route 53 differs from the tree.
/// </summary>
internal static class DriftCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (what GET /trees/{name}/drift answers)" };
        var check =
            new Option<bool>("--check") { Description = "Compare Route 53 with the tree now instead of showing the last scheduled check" };
        var direct =
            new Option<bool>(
            "--direct") { Description =
            "With --check on a tree whose driftPolicy is repair: repair from this process instead of starting a workflow run" };
        var detailed = DetailedExitCode.Option("0 when Route 53 matches the tree, 2 when it differs, 1 on an error");
        var service = new ServiceOptions();
        var workflow = new WorkflowRunOptions();
        var apiTarget = new ApiTargetOptions();
        var command =
            new Command("drift",
            "Show how Route 53 differs from the tree: records missing, changed or extra, health checks missing or changed") { name, json,
            check, direct, detailed };
        service.AddTo(command);
        workflow.AddTo(command);
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = parse.GetValue(name)!;
            using var http = ApiTargetOptions.NewHttpClient();
            if (!parse.GetValue(direct) && apiTarget.Resolve(parse, http) is { } api)
            {
                var served = await new ApiCommands(api, console).DriftAsync(tree, parse.GetValue(check), cancellationToken);
                return Print(parse, console, json, detailed, DriftReportJson.Read(served.Report.Text));
            }
            var target = service.Resolve(parse);
            var store = target.Progress();
            DriftReport report;
            if (parse.GetValue(check))
            {
                var route53 = target.Route53();
                var time = TimeProvider.System;
                IDriftRepair repair = parse.GetValue(direct)
                    ? new DirectDriftRepair(store, compile => new DirectApplier(route53, store, time)
                    {
                        SyncPollInterval = TimeSpan.FromSeconds(target.IsLocal ? 0.5 : 5),
                        CompileOptions = compile,
                        Alarms = target.Services.Alarms,
                    }, time)
                    : new WorkflowRepair(target, workflow.StateMachineName(parse, target));
                // The metric is for the scheduled checks' alarm; a check from a terminal is not counted.
                var result =
                    await AwsErrors.GuardAsync(() =>
                    RunAsync(new TreeDriftCheck(store, route53, new DriftMetrics(TextWriter.Null), time, repair)
                    {
                        Alarms = target.Services.Alarms,
                    }, tree, cancellationToken));
                report = result.Report ?? throw new CliFailureException($"tree '{tree}' was not checked: {result.SkippedBecause}");
            }
            else
            {
                var stored = await AwsErrors.GuardAsync(() => store.GetDriftReportAsync(tree, cancellationToken));
                if (stored is null)
                {
                    var known = await AwsErrors.GuardAsync(() => store.GetTreeAsync(tree, cancellationToken));
                    throw new CliFailureException(known is null
                        ? $"no tree is called '{tree}'"
                        : $"tree '{tree}' has not been checked for drift yet; --check checks it now");
                }
                report = DriftReportJson.Read(stored.ReportJson);
            }
            return Print(parse, console, json, detailed, report);
        });
        return command;
    }

    private static int Print(
        System.CommandLine.ParseResult parse, CliConsole console, Option<bool> json, Option<bool> detailed, DriftReport report)
    {
        console.Out.Write(parse.GetValue(json) ? DriftReportJson.Write(report) + Environment.NewLine : DriftReportTextWriter.Write(report));
        return DetailedExitCode.Of(parse, detailed, changes: report.HasDrift);
    }

    /// <summary>A repair run through the workflow; the state machine is looked up only if a repair is due.</summary>
    private sealed class WorkflowRepair(ServiceTarget target, string stateMachine) : IDriftRepair
    {
        public async Task<string> StartAsync(TreeSpec spec, int version, string? checkedLastRunId, CancellationToken cancellationToken)
        {
            var arn = await StateMachineLocator.FindAsync(target.StepFunctions(), stateMachine, cancellationToken)
                ?? throw new DriftRepairRefusedException(
                    $"no state machine is called '{stateMachine}' to run the repair; "
                    + "name it with --state-machine, or repair with --direct");
            return await new RunStarterDriftRepair(target.Runs(arn))
                .StartAsync(spec, version, checkedLastRunId, cancellationToken);
        }
    }

    private static async Task<DriftCheckResult> RunAsync(TreeDriftCheck check, string tree, CancellationToken cancellationToken)
    {
        try
        {
            return await check.RunAsync(tree, cancellationToken);
        }
        catch (DriftCheckException failed)
        {
            throw new CliFailureException(failed.Message);
        }
    }
}
