using System.CommandLine;
using Failover.Aws.Apply;
using Failover.Aws.Drift;
using Failover.Core.Drift;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover drift NAME [--json] [--check]</c>: the tree's latest drift report, as the scheduled check stored it;
/// <c>--check</c> runs a check now through the same code (and stores its report), repairing if the tree's policy says so.
/// </summary>
internal static class DriftCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (what GET /trees/{name}/drift answers)" };
        var check = new Option<bool>("--check") { Description = "Compare Route 53 with the tree now instead of showing the last scheduled check" };
        var service = new ServiceOptions();
        var command = new Command("drift", "Show how Route 53 differs from the tree: records missing, changed or extra, health checks missing or changed") { name, json, check };
        service.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = parse.GetValue(name)!;
            var target = service.Resolve(parse);
            var store = target.Progress();
            DriftReport report;
            if (parse.GetValue(check))
            {
                var route53 = target.Route53();
                var time = TimeProvider.System;
                var repair = new DirectDriftRepair(compile => new DirectApplier(route53, store, time)
                {
                    SyncPollInterval = TimeSpan.FromSeconds(target.IsLocal ? 0.5 : 5),
                    CompileOptions = compile,
                }, time);
                // The metric is for the scheduled checks' alarm; a check from a terminal is not counted.
                var result = await AwsErrors.GuardAsync(() => RunAsync(new TreeDriftCheck(store, route53, new DriftMetrics(TextWriter.Null), time, repair), tree, cancellationToken));
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
                report = DriftReportJsonReader.Read(stored.ReportJson);
            }
            console.Out.Write(parse.GetValue(json) ? DriftReportJsonWriter.Write(report) + Environment.NewLine : DriftReportTextWriter.Write(report));
            return CliApp.Ok;
        });
        return command;
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
