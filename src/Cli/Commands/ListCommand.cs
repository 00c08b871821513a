using System.CommandLine;
using System.Globalization;
using System.Text;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Core.Contracts;
using Failover.Service.Progress;

namespace Failover.Cli.Commands;

/// <summary><c>failover list [--json]</c>: every tree that is not torn down, by name, with its status, versions and last run.</summary>
internal static class ListCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the trees as JSON (the items GET /trees lists)" };
        var service = new ServiceOptions();
        var apiTarget = new ApiTargetOptions();
        var command = new Command("list", "List the trees: name, status, applied and latest version, record, last run") { json };
        service.AddTo(command);
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = ApiTargetOptions.NewHttpClient();
            IReadOnlyList<TreeResource> trees;
            if (apiTarget.Resolve(parse, http) is { } api)
            {
                trees = await new ApiCommands(api, console).ListAsync(cancellationToken);
            }
            else
            {
                var store = service.Resolve(parse).Progress();
                trees = await AwsErrors.GuardAsync(async () =>
                {
                    var all = new List<TreeResource>();
                    await foreach (var tree in store.ListAllTreesAsync(100, cancellationToken)) all.Add(ProgressResources.Tree(tree));
                    return (IReadOnlyList<TreeResource>)all;
                });
            }
            console.Out.Write(parse.GetValue(json)
                ? WireJson.Write(new TreeListResource(trees, null)) + Environment.NewLine
                : Table(trees));
            return CliApp.Ok;
        });
        return command;
    }

    private static string Table(IReadOnlyList<TreeResource> trees)
    {
        if (trees.Count == 0) return "no trees" + Environment.NewLine;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"NAME",-24} {"STATUS",-12} {"APPLIED",-8} {"LATEST",-7} {"RECORD",-40} LAST RUN");
        foreach (var tree in trees.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var record = $"{tree.RecordName} {tree.RecordType}";
            var run = tree.LastRunId is null ? "-" : $"{tree.LastRunId} {tree.LastRunStatus}";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{tree.Name,-24} {tree.Status,-12} {tree.CurrentVersion?.ToString(CultureInfo.InvariantCulture) ?? "-",-8} " +
                $"{tree.LatestVersion,-7} {record,-40} {run}"));
        }
        return text.ToString();
    }
}
