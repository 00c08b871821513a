using System.CommandLine;
using System.Globalization;
using System.Text;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Core.Contracts;
using Failover.Service.Progress;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover runs NAME [--limit N] [--json]</c>: the tree's runs, newest first — id, kind, status, version, when it
/// started, how long it took, why it failed. Through the service with <c>--api</c> (<c>GET /trees/NAME/runs</c>).
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var json = new Option<bool>("--json") { Description = "Print the runs as JSON (what GET /trees/{name}/runs answers)" };
        var limit = new Option<int>("--limit")
        {
            Description = "How many of the newest runs to show (runs are kept 90 days)",
            DefaultValueFactory = _ => 20,
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--limit must be at least 1");
        });
        var service = new ServiceOptions();
        var apiTarget = new ApiTargetOptions();
        var command = new Command("runs", "List a tree's runs, newest first: kind, status, version, start, duration, error")
        {
            name, limit, json,
        };
        service.AddTo(command);
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = parse.GetValue(name)!;
            var count = parse.GetValue(limit);
            using var http = ApiTargetOptions.NewHttpClient();
            RunListResource runs;
            if (apiTarget.Resolve(parse, http) is { } api)
            {
                runs = await new ApiCommands(api, console).RunsAsync(tree, count, cancellationToken);
            }
            else
            {
                var store = service.Resolve(parse).Progress();
                runs = await AwsErrors.GuardAsync(async () =>
                {
                    _ = await store.GetTreeAsync(tree, cancellationToken) ?? throw new CliFailureException($"no tree is called '{tree}'");
                    var page = await store.ListRunsPageAsync(tree, count, null, cancellationToken);
                    return new RunListResource(tree, [.. page.Runs.Select(ProgressResources.RunSummary)], page.NextPageToken);
                });
            }
            console.Out.Write(parse.GetValue(json)
                ? WireJson.Write(runs) + Environment.NewLine
                : Table(runs, TimeProvider.System.GetUtcNow()));
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>One line a run; a run still going shows how long it has been going.</summary>
    internal static string Table(RunListResource runs, DateTimeOffset now)
    {
        if (runs.Runs.Count == 0) return $"{runs.Tree}: no runs" + Environment.NewLine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{"RUN ID",-36} {"KIND",-9} {"STATUS",-11} {"VERSION",-7} {"STARTED",-20} {"DURATION",-9} ERROR");
        foreach (var run in runs.Runs)
        {
            var started = DateTimeOffset.Parse(run.CreatedAt, CultureInfo.InvariantCulture);
            var ended = run.FinishedAt is { } finished ? DateTimeOffset.Parse(finished, CultureInfo.InvariantCulture) : now;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.RunId,-36} {run.Kind,-9} {run.Status,-11} {run.Version,-7} {started.UtcDateTime:yyyy-MM-dd HH:mm:ss}  " +
                $"{Duration(ended - started),-9} {run.Error ?? "-"}").TrimEnd());
        }
        return text.ToString();
    }

    private static string Duration(TimeSpan elapsed) =>
        elapsed < TimeSpan.Zero ? "-"
        : elapsed.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s")
        : elapsed.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min");
}
